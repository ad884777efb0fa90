package dev.stile.bench.jmh;

import dev.stile.authority.crypto.BouncyCastle;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;

/**
 * Raw SHA256withECDSA on P-256 with each JCA provider: the floor under every JWS, CSR and
 * certificate signature Stile checks or makes.
 */
@State(Scope.Thread)
public class EcdsaBenchmark {

    @Param({"BC", "SunEC", Providers.NATIVE})
    public String provider;

    private final byte[] data = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJiZW5jaCJ9".getBytes(StandardCharsets.US_ASCII);
    private KeyPair keys;
    private byte[] signature;

    @Setup
    public void setUp() throws Exception {
        BouncyCastle.provider();
        Providers.install(provider);
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC", provider);
        g.initialize(new ECGenParameterSpec("secp256r1"));
        keys = g.generateKeyPair();
        signature = sign();
        if (!verify()) {
            throw new IllegalStateException("signature does not verify");
        }
    }

    @Benchmark
    public byte[] sign() throws Exception {
        Signature s = Signature.getInstance("SHA256withECDSA", provider);
        s.initSign(keys.getPrivate());
        s.update(data);
        return s.sign();
    }

    @Benchmark
    public boolean verify() throws Exception {
        Signature s = Signature.getInstance("SHA256withECDSA", provider);
        s.initVerify(keys.getPublic());
        s.update(data);
        return s.verify(signature);
    }
}
