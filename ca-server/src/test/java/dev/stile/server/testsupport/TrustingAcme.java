package dev.stile.server.testsupport;

import dev.stile.authority.keys.KeyMaterial;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.connector.NetworkSettings;
import org.shredzone.acme4j.provider.GenericAcmeProvider;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;

/** TLS and acme4j sessions that trust only a test CA's root, for tests that talk to a real server. */
public final class TrustingAcme {

    private TrustingAcme() {
    }

    /** A TLS context trusting exactly the certificates of {@code rootPem}. */
    public static SSLContext trusting(Path rootPem) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        int i = 0;
        for (X509Certificate c : KeyMaterial.readCertificates(rootPem)) {
            store.setCertificateEntry("root" + i++, c);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    /** An acme4j session on {@code directoryUrl} whose HTTP client trusts {@code trust}. */
    public static Session session(String directoryUrl, SSLContext trust, Duration timeout) {
        Session s = new Session(URI.create(directoryUrl), new TrustingProvider(trust));
        s.networkSettings().setTimeout(timeout);
        return s;
    }

    /** acme4j's generic provider with an HTTP client that trusts the test CA's root. */
    private static final class TrustingProvider extends GenericAcmeProvider {
        private final SSLContext trust;

        TrustingProvider(SSLContext trust) {
            this.trust = trust;
        }

        @Override
        public HttpClient createHttpClient(NetworkSettings settings) {
            return HttpClient.newBuilder().sslContext(trust).connectTimeout(settings.getTimeout())
                    .followRedirects(HttpClient.Redirect.NORMAL).build();
        }
    }
}
