package dev.stile.cli.ca;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;
import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.List;

/**
 * The three kinds of TLS the client needs: trust only the CA's root (every normal call), trust
 * nothing (only {@code GET /root/{sha}} during bootstrap, whose answer is checked by its hash),
 * and present a client certificate (mTLS renew and revoke).
 */
final class TlsContexts {

    private TlsContexts() {
    }

    /** Verifies the server against these roots only; host names are checked as usual. */
    static SSLContext trusting(List<X509Certificate> roots) {
        return build(roots, null, null);
    }

    /** Trusts these roots and presents {@code chain} (leaf first) with {@code key} when asked. */
    static SSLContext withClientCertificate(List<X509Certificate> roots, List<X509Certificate> chain, PrivateKey key) {
        return build(roots, chain, key);
    }

    /**
     * Accepts any server certificate and any host name. Only for bootstrap: the caller must check
     * the SHA-256 of what it receives against the fingerprint the operator typed.
     */
    static SSLContext insecure() {
        try {
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, new TrustManager[] {new TrustAnything()}, null);
            return ssl;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    private static SSLContext build(List<X509Certificate> roots, List<X509Certificate> chain, PrivateKey key) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            for (int i = 0; i < roots.size(); i++) {
                trust.setCertificateEntry("root-" + i, roots.get(i));
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            KeyManager[] keyManagers = chain == null ? null
                    : new KeyManager[] {new FixedKeyManager(chain.toArray(new X509Certificate[0]), jdkKey(key))};
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(keyManagers, tmf.getTrustManagers(), null);
            return ssl;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /**
     * JSSE signs the handshake with the JDK's providers; a key object from BouncyCastle's PEM
     * parser is re-encoded into a JDK key so any provider accepts it.
     */
    private static PrivateKey jdkKey(PrivateKey key) throws GeneralSecurityException {
        String algorithm = key.getAlgorithm().equals("ECDSA") ? "EC" : key.getAlgorithm();
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(key.getEncoded()));
    }

    /**
     * Always offers the one certificate we were given: the server's list of acceptable issuers
     * would only let us send it when the CA is configured exactly as we expect, and a silent
     * "no client certificate" is much harder to diagnose than a refusal.
     */
    private static final class FixedKeyManager extends X509ExtendedKeyManager {
        private static final String ALIAS = "client";
        private final X509Certificate[] chain;
        private final PrivateKey key;

        FixedKeyManager(X509Certificate[] chain, PrivateKey key) {
            this.chain = chain;
            this.key = key;
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return new String[] {ALIAS};
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return ALIAS;
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            return ALIAS;
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return new String[0];
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return null;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return chain.clone();
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return key;
        }
    }

    /** See {@link #insecure()}. */
    private static final class TrustAnything extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
