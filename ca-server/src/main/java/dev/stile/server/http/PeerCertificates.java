package dev.stile.server.http;

import io.javalin.http.Context;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * The client certificate chain of an mTLS request ({@code /renew}, {@code /rekey}, {@code /revoke}
 * without a token). The TLS layer already verified it against the roots and intermediates; a
 * request without a client certificate simply has none.
 */
public final class PeerCertificates {

    private static final String SERVLET_ATTRIBUTE = "jakarta.servlet.request.X509Certificate";

    private PeerCertificates() {
    }

    /** The verified chain, leaf first; empty when the client sent no certificate. */
    public static List<X509Certificate> of(Context ctx) {
        Object chain = ctx.req().getAttribute(SERVLET_ATTRIBUTE);
        if (chain instanceof X509Certificate[]) {
            return List.of((X509Certificate[]) chain);
        }
        return List.of();
    }

    /** The client's own certificate, if it sent one. */
    public static Optional<X509Certificate> leaf(Context ctx) {
        List<X509Certificate> chain = of(ctx);
        return chain.isEmpty() ? Optional.empty() : Optional.of(chain.get(0));
    }
}
