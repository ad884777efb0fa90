package dev.stile.server.deploy;

import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.connector.NetworkSettings;
import org.shredzone.acme4j.provider.GenericAcmeProvider;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

/**
 * HTTPS to a published container port (127.0.0.1:PORT) as a client inside the cluster sees it: it
 * sends the Service name as SNI and accepts only a certificate chaining to the CA's root that names
 * the Service. The connection goes to loopback; the name check replaces the check against the URL's
 * host (127.0.0.1), which the CA's certificate rightly does not name.
 */
final class ServiceNameTls {

    private final SSLContext context;
    private final SSLParameters parameters;

    ServiceNameTls(X509Certificate root, String serviceName) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("root", root);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(store);
        X509TrustManager chain = (X509TrustManager) tmf.getTrustManagers()[0];
        context = SSLContext.getInstance("TLS");
        context.init(null, new javax.net.ssl.TrustManager[] {new NamedServer(chain, serviceName)}, null);
        parameters = context.getDefaultSSLParameters();
        parameters.setServerNames(List.of(new SNIHostName(serviceName)));
    }

    HttpClient client() {
        return HttpClient.newBuilder().sslContext(context).sslParameters(parameters)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    String get(int port, String path) throws Exception {
        HttpResponse<String> r = client().send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new AssertionError("GET " + path + ": " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    /** An acme4j session on the ACME directory behind the published port. */
    Session session(int port) {
        return new Session(URI.create("https://127.0.0.1:" + port + "/acme/acme/directory"), new GenericAcmeProvider() {
            @Override
            public HttpClient createHttpClient(NetworkSettings settings) {
                return HttpClient.newBuilder().sslContext(context).sslParameters(parameters)
                        .connectTimeout(settings.getTimeout()).followRedirects(HttpClient.Redirect.NORMAL).build();
            }
        });
    }

    /** Chain to the root (PKIX), then the leaf must name the Service. */
    private static final class NamedServer extends X509ExtendedTrustManager {
        private final X509TrustManager chain;
        private final String serviceName;

        NamedServer(X509TrustManager chain, String serviceName) {
            this.chain = chain;
            this.serviceName = serviceName;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] certs, String authType) throws CertificateException {
            chain.checkServerTrusted(certs, authType);
            try {
                boolean named = certs[0].getSubjectAlternativeNames() != null && certs[0].getSubjectAlternativeNames()
                        .stream().anyMatch(san -> Integer.valueOf(2).equals(san.get(0)) && serviceName.equals(san.get(1)));
                if (!named) {
                    throw new CertificateException("the server certificate does not name " + serviceName);
                }
            } catch (CertificateParsingException e) {
                throw new CertificateException(e);
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] certs, String authType, Socket socket) throws CertificateException {
            checkServerTrusted(certs, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] certs, String authType, SSLEngine engine) throws CertificateException {
            checkServerTrusted(certs, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] certs, String authType) throws CertificateException {
            throw new CertificateException("client side only");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] certs, String authType, Socket socket) throws CertificateException {
            throw new CertificateException("client side only");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] certs, String authType, SSLEngine engine) throws CertificateException {
            throw new CertificateException("client side only");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return chain.getAcceptedIssuers();
        }
    }
}
