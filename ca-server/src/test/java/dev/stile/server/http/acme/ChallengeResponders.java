package dev.stile.server.http.acme;

import com.sun.net.httpserver.HttpServer;
import dev.stile.testsupport.tls.AlpnResponder;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The client side of http-01 and tls-alpn-01 for tests, both on 127.0.0.1 and bound before the
 * server starts (their ports go into {@code validation.httpPort} / {@code validation.tlsPort}):
 * a JDK HttpServer serving tokens, and an {@link AlpnResponder} speaking {@code acme-tls/1} with
 * the challenge certificate the test sets.
 */
final class ChallengeResponders implements AutoCloseable {

    private static final String UNAVAILABLE = "\u0000503";

    private final HttpServer http;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final AlpnResponder tls;
    private volatile KeyPair tlsKey;
    private volatile X509Certificate tlsCert;

    ChallengeResponders() throws IOException, GeneralSecurityException {
        http = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 16);
        http.createContext("/.well-known/acme-challenge/", exchange -> {
            String token = exchange.getRequestURI().getPath().substring("/.well-known/acme-challenge/".length());
            String body = tokens.get(token);
            int status = body == null ? 404 : body.equals(UNAVAILABLE) ? 503 : 200;
            byte[] bytes = (status == 200 ? body : "no key authorization here").getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        http.start();
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(new KeyManager[] {new CurrentKey()}, null, null);
        tls = AlpnResponder.start(ctx, true);
    }

    int httpPort() {
        return http.getAddress().getPort();
    }

    int tlsPort() {
        return tls.port();
    }

    void serveToken(String token, String keyAuthorization) {
        tokens.put(token, keyAuthorization);
    }

    /** Answers 503 for this token, which the validator treats as "not ready yet" and retries. */
    void unavailable(String token) {
        tokens.put(token, UNAVAILABLE);
    }

    void serveAlpnCertificate(KeyPair key, X509Certificate cert) {
        this.tlsKey = key;
        this.tlsCert = cert;
    }

    @Override
    public void close() throws IOException {
        http.stop(0);
        tls.close();
    }

    /** Presents whatever certificate the test set last. */
    private final class CurrentKey extends X509ExtendedKeyManager {
        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return null;
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return new String[] {"current"};
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return matches(keyType) ? "current" : null;
        }

        @Override
        public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
            return matches(keyType) ? "current" : null;
        }

        private boolean matches(String keyType) {
            KeyPair key = tlsKey;
            return key != null && tlsCert != null && key.getPublic().getAlgorithm().equals(keyType);
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return new X509Certificate[] {tlsCert};
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return tlsKey.getPrivate();
        }
    }
}
