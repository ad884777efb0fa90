package dev.stile.net.tls;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;

/**
 * A TLS client context that accepts any certificate. Validation needs exactly that: RFC 8555 §8.3
 * does not check the certificate of an https redirect hop, and RFC 8737 §3 checks the
 * self-signed challenge certificate by its contents, not by a chain.
 */
public final class InsecureTls {

    private static final SSLContext CONTEXT = create();

    private InsecureTls() {
    }

    public static SSLContext context() {
        return CONTEXT;
    }

    private static SSLContext create() {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                    // not a server
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                    // deliberately unchecked, see the class comment
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS is not available in this JVM", e);
        }
    }
}
