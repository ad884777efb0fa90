package dev.stile.cli.ca;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * One renewal of a certificate file, as {@code step ca renew} does it: {@code POST /renew} over
 * mTLS with the certificate and key as the client certificate; when the certificate has already
 * expired (TLS would refuse it) a Bearer renew token with {@code x5cInsecure} instead. The new
 * chain replaces the old file atomically; the key is kept.
 */
final class Renewal {

    private final CaConnectionOptions.Connection ca;
    private final Path crt;
    private final Path key;
    private final Path out;
    private final Clock clock;

    Renewal(CaConnectionOptions.Connection ca, Path crt, Path key, Path out, Clock clock) {
        this.ca = ca;
        this.crt = crt;
        this.key = key;
        this.out = out;
        this.clock = clock;
    }

    /** The certificate as it is on disk now (the daemon re-reads it before every decision). */
    List<X509Certificate> current() {
        return PemFiles.readCertificates(crt, "CRT");
    }

    /** Renews now; returns the new chain, already written. */
    List<X509Certificate> renew() {
        List<X509Certificate> chain = current();
        PrivateKey privateKey = PemFiles.readPrivateKey(key, "KEY");
        PemFiles.requireMatching(chain.get(0), privateKey, crt, key);
        Instant now = clock.instant();
        JsonNode body;
        CaClient client;
        if (now.isAfter(chain.get(0).getNotAfter().toInstant())) {
            client = ca.client();
            String token = TokenFactory.renew(chain, privateKey, client.baseUrl(), now,
                    now.plus(TokenValidity.DEFAULT), now);
            body = client.postJson("/renew", null, token);
        } else {
            client = ca.client(chain, privateKey);
            body = client.postJson("/renew", null, null);
        }
        List<X509Certificate> renewed = SignResponses.chain(body, client.url("/renew"));
        SignResponses.requireKey(renewed, chain.get(0).getPublicKey(), client.url("/renew"));
        AtomicFiles.write(out, SignResponses.pem(renewed), false);
        return renewed;
    }

    Path output() {
        return out;
    }
}
