package dev.stile.bench.jmh;

import dev.stile.authority.crypto.NativeKeys;
import dev.stile.authority.Authority;
import dev.stile.authority.crypto.BouncyCastle;
import dev.stile.authority.IssueRequest;
import dev.stile.authority.IssuedCertificate;
import dev.stile.authority.keys.KeyType;
import dev.stile.authority.init.PkiGenerator;
import dev.stile.authority.ProvisionerIdentity;
import dev.stile.authority.SubjectAlternativeNames;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.security.Security;
import java.time.Clock;
import java.util.List;

/**
 * {@link Authority#issue}: validity, random serial, a P-256 leaf signed by a P-256 intermediate
 * with BouncyCastle, the inventory record (PEM encoding included) and the chain.
 */
@State(Scope.Benchmark)
public class IssueBenchmark {

    /** BC or the native provider, which signs with the CA key made native as {@code stile serve} does. */
    @Param({"BC", Providers.NATIVE})
    public String provider;

    private Authority authority;
    private IssueRequest request;

    @Setup
    public void setUp() {
        Security.addProvider(BouncyCastle.provider());
        Providers.install(provider);
        PkiGenerator.Pki pki = new PkiGenerator(Clock.systemUTC()).generate("Bench", KeyType.EC_P256);
        authority = new Authority(List.of(pki.root()), List.of(pki.intermediate()),
                NativeKeys.forSigning(pki.intermediateKey()),
                new DiscardingCertificateStore(), Clock.systemUTC());
        request = new IssueRequest(Csrs.p256().getPublic(), "www.example.test",
                SubjectAlternativeNames.classify(List.of("www.example.test", "example.test")), null, null, null,
                new ProvisionerIdentity("bench@example.test", "JWK", "kid"), "bench");
    }

    @Benchmark
    public IssuedCertificate issueLeaf() {
        return authority.issue(request);
    }
}
