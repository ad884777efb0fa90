package dev.stile.acme.service;

import dev.stile.acme.model.Identifier;
import dev.stile.acme.problem.AcmeException;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.List;

/**
 * Fuzz target: the DER CSR of an ACME finalize (RFC 8555 §7.4, RFC 2986) through
 * {@link CsrChecks}: parsing, signature, key strength, names against an order for
 * {@code a.test}, {@code *.b.test} and {@code 192.0.2.1}. The documented refusal is
 * {@link AcmeException} ({@code badCSR}); anything else is a crash.
 */
public final class CsrFuzzer {

    private static final List<Identifier> ORDER = List.of(Identifier.dns("a.test"), Identifier.dns("*.b.test"),
            new Identifier("ip", "192.0.2.1"));
    private static final KeyPair ACCOUNT;

    static {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            ACCOUNT = g.generateKeyPair();
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private CsrFuzzer() {
    }

    public static void fuzzerTestOneInput(byte[] data) {
        try {
            CsrChecks.check(data, ORDER, ACCOUNT.getPublic());
        } catch (AcmeException refused) {
            // badCSR: the documented answer
        }
    }
}
