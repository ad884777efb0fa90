package dev.stile.bench.jmh;

import dev.stile.authority.csr.ParsedCsr;
import dev.stile.authority.csr.CsrParser;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** {@link CsrParser#parseDer}: parse a P-256 CSR, verify its signature (BouncyCastle or the native provider), read CN and SANs. */
@State(Scope.Benchmark)
public class CsrVerifyBenchmark {

    /** BC or the native provider, which CsrParser then picks for ECDSA on P-256. */
    @Param({"BC", Providers.NATIVE})
    public String provider;

    private byte[] der;

    @Setup
    public void setUp() {
        Providers.install(provider);
        der = Csrs.der(Csrs.p256(), "www.example.test", "example.test");
    }

    @Benchmark
    public ParsedCsr parseAndVerifyCsr() {
        return CsrParser.parseDer(der);
    }
}
