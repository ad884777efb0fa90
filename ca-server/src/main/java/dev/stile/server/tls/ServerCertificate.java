package dev.stile.server.tls;

import dev.stile.authority.Authority;
import dev.stile.authority.DurationLimits;
import dev.stile.authority.IssueRequest;
import dev.stile.authority.IssuedCertificate;
import dev.stile.authority.keys.KeyType;
import dev.stile.authority.ProvisionerIdentity;
import dev.stile.authority.SubjectAlternativeNames;
import dev.stile.server.config.TlsConfig;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The CA's own HTTPS certificate, as step-ca makes it (step-ca-api.md 1.2): issued by the
 * intermediate at start-up for every {@code dnsNames} entry, fresh EC P-256 key, 24 h, chain
 * leaf + intermediates, one certificate for every SNI. Re-issued at 2/3 of its lifetime and swapped
 * into the running {@link SslContextFactory.Server} without dropping the listener.
 *
 * <p>Client certificates are requested but optional; they must chain to a root or intermediate
 * ({@code /renew} authenticates with them).
 */
public final class ServerCertificate implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ServerCertificate.class);
    private static final char[] KEYSTORE_PASSWORD = "stile".toCharArray();
    private static final Duration LIFETIME = Duration.ofHours(24);
    private static final Duration RETRY = Duration.ofMinutes(1);
    /** Recorded in the inventory as the provisioner of the CA's own TLS certificates. */
    static final ProvisionerIdentity SELF = new ProvisionerIdentity("stile-server", "SERVER", "");

    private final Authority authority;
    private final List<String> dnsNames;
    private final String commonName;
    private final Duration backdate;
    private final Clock clock;
    private final SslContextFactory.Server sslContextFactory;
    private final ScheduledExecutorService renewer;
    /** The next renewal on the shared {@code renewer}; cancelled by {@link #close}. */
    private volatile ScheduledFuture<?> next;
    private volatile boolean closed;
    private volatile X509Certificate current;

    public ServerCertificate(Authority authority, List<String> dnsNames, String commonName, Duration backdate,
                             TlsConfig tls, Clock clock, ScheduledExecutorService renewer) {
        this.authority = authority;
        this.dnsNames = List.copyOf(dnsNames);
        this.commonName = commonName;
        this.backdate = backdate;
        this.clock = clock;
        this.sslContextFactory = new SslContextFactory.Server();
        sslContextFactory.setKeyStore(issue());
        sslContextFactory.setKeyStorePassword(new String(KEYSTORE_PASSWORD));
        sslContextFactory.setTrustStore(trustStore(authority));
        sslContextFactory.setWantClientAuth(true);
        sslContextFactory.setNeedClientAuth(false);
        // Client certificates name clients, not hosts: no hostname check on them.
        sslContextFactory.setEndpointIdentificationAlgorithm(null);
        sslContextFactory.setSniRequired(false);
        sslContextFactory.setIncludeProtocols(tls.protocols().toArray(new String[0]));
        List<String> suites = new ArrayList<>(tls.cipherSuites());
        // TLS 1.3 suites are not configurable in Go; keep them on whatever the 1.2 list says.
        suites.addAll(List.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256"));
        sslContextFactory.setIncludeCipherSuites(suites.toArray(new String[0]));
        sslContextFactory.setExcludeCipherSuites();
        this.renewer = renewer;
    }

    public SslContextFactory.Server sslContextFactory() {
        return sslContextFactory;
    }

    /** The certificate currently served. */
    public X509Certificate current() {
        return current;
    }

    /** Starts renewing at 2/3 of each certificate's lifetime. Call once the server runs. */
    public void startRenewing() {
        scheduleNext();
    }

    private void scheduleNext() {
        Instant notBefore = current.getNotBefore().toInstant();
        Instant notAfter = current.getNotAfter().toInstant();
        Instant at = notBefore.plus(Duration.between(notBefore, notAfter).multipliedBy(2).dividedBy(3));
        long delay = Math.max(0, Duration.between(clock.instant(), at).toMillis());
        schedule(delay);
    }

    /** Issues a new certificate and reloads it into the running server. */
    public void renew() {
        try {
            KeyStore fresh = issue();
            sslContextFactory.reload(f -> f.setKeyStore(fresh));
            LOG.info("renewed the server TLS certificate, serial {}, valid until {}",
                    current.getSerialNumber().toString(16), current.getNotAfter().toInstant());
            scheduleNext();
        } catch (Exception e) {
            LOG.error("could not renew the server TLS certificate (retrying in {}): {}", RETRY, e.getMessage(), e);
            schedule(RETRY.toMillis());
        }
    }

    private synchronized void schedule(long delayMillis) {
        if (!closed) {
            next = renewer.schedule(this::renew, delayMillis, TimeUnit.MILLISECONDS);
        }
    }

    private KeyStore issue() {
        KeyPair keyPair = KeyType.EC_P256.generate();
        DurationLimits limits = new DurationLimits(Duration.ofMinutes(5), LIFETIME, LIFETIME, backdate);
        IssueRequest request = new IssueRequest(keyPair.getPublic(), commonName,
                SubjectAlternativeNames.classify(dnsNames), null, null, limits, SELF, "stile serve");
        IssuedCertificate issued = authority.issue(request);
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("server", keyPair.getPrivate(), KEYSTORE_PASSWORD,
                    issued.chain().toArray(new Certificate[0]));
            current = issued.leaf();
            return ks;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build the TLS key store: " + e.getMessage(), e);
        }
    }

    private static KeyStore trustStore(Authority authority) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            int i = 0;
            for (X509Certificate c : authority.roots()) {
                ks.setCertificateEntry("root-" + i++, c);
            }
            for (X509Certificate c : authority.intermediates()) {
                ks.setCertificateEntry("intermediate-" + i++, c);
            }
            return ks;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build the TLS trust store: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (next != null) {
            next.cancel(true);
        }
    }
}
