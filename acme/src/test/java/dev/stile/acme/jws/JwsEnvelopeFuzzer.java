package dev.stile.acme.jws;

import dev.stile.acme.model.Account;
import dev.stile.acme.problem.AcmeException;
import dev.stile.acme.store.fake.InMemoryAccountStore;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.keys.EllipticCurves;

import java.time.Instant;
import java.util.List;

/**
 * Fuzz target: the body of an ACME POST (RFC 8555 §6.2) through the whole JWS verifier: JSON
 * envelope, protected header, {@code jwk} or {@code kid}, algorithm, URL and signature. Every nonce
 * is accepted and account {@code a1} exists, so inputs reach the key and signature checks. The
 * documented refusal is {@link AcmeException}; anything else is a crash.
 */
public final class JwsEnvelopeFuzzer {

    static final String URL = "https://ca.test/acme/p/new-order";
    private static final JwsVerifier VERIFIER;

    static {
        try {
            InMemoryAccountStore accounts = new InMemoryAccountStore();
            PublicJsonWebKey key = EcJwkGenerator.generateJwk(EllipticCurves.P256);
            accounts.create(new Account("a1", "p", dev.stile.acme.model.KeyAuthorization.thumbprint(key),
                    key.toJson(), List.of(), dev.stile.acme.model.Status.VALID, null, Instant.EPOCH));
            VERIFIER = new JwsVerifier(nonce -> true, accounts); // every nonce: the fuzz reaches the checks after it
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private JwsEnvelopeFuzzer() {
    }

    public static void fuzzerTestOneInput(byte[] data) {
        for (AuthMode mode : AuthMode.values()) {
            try {
                VERIFIER.verify(new JwsRequest("application/jose+json", data, URL, "p",
                        "https://ca.test/acme/p/account/"), mode);
            } catch (AcmeException refused) {
                // the documented answer to a bad request
            }
        }
    }
}
