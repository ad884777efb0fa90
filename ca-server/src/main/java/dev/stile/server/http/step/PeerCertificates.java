package dev.stile.server.http.step;

import io.javalin.http.Context;

import java.security.cert.X509Certificate;

/**
 * The TLS client certificate of a request. The server asks for one but does not require it, and
 * the TLS layer has already verified it against the CA's roots and intermediates, so what arrives
 * here is authenticated.
 */
final class PeerCertificates {

    private PeerCertificates() {
    }

    /** The verified client leaf certificate, or null when the client sent none. */
    static X509Certificate leaf(Context ctx) {
        Object v = ctx.req().getAttribute("jakarta.servlet.request.X509Certificate");
        if (v instanceof X509Certificate[]) {
            X509Certificate[] chain = (X509Certificate[]) v;
            return chain.length == 0 ? null : chain[0];
        }
        return null;
    }
}
