package dev.stile.server.ops;

import dev.stile.authority.inventory.CertificateQuery;
import dev.stile.authority.inventory.CertificateRecord;
import dev.stile.authority.inventory.CertificateStore;
import dev.stile.admin.inventory.RenewalTracker;
import dev.stile.core.Page;
import dev.stile.core.UnitOfWork;
import dev.stile.core.PageRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The certificate inventory as the Authority sees it, plus what operations need at the moment of
 * issuance: the renewal watch, the issuance metric and the audit line. Wrapping the store means
 * every issuance path (step /sign, /renew, ACME finalize, the CA's own TLS certificate) is
 * observed without each of them remembering to call something.
 */
public final class ObservedCertificateStore implements CertificateStore {

    private static final Logger LOG = LoggerFactory.getLogger(ObservedCertificateStore.class);
    /** The metric's profile label for certificates issued without one (step /sign, plain ACME orders). */
    static final String DEFAULT_PROFILE = "default";
    private static final String ACME = "ACME";

    private final CertificateStore delegate;
    private final RenewalTracker tracker;
    private final StileMetrics metrics;
    private final AuditLog audit;
    /** The certificate and its renewal-watch rows in one commit (or in the request's, when it has one). */
    private final UnitOfWork oneCommit;

    public ObservedCertificateStore(CertificateStore delegate, RenewalTracker tracker, StileMetrics metrics,
                                    AuditLog audit) {
        this(delegate, tracker, metrics, audit, UnitOfWork.NONE);
    }

    public ObservedCertificateStore(CertificateStore delegate, RenewalTracker tracker, StileMetrics metrics,
                                    AuditLog audit, UnitOfWork oneCommit) {
        this.oneCommit = Objects.requireNonNull(oneCommit, "oneCommit");
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.tracker = Objects.requireNonNull(tracker, "tracker");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    @Override
    public void save(CertificateRecord c) {
        oneCommit.run(() -> {
            delegate.save(c);
            watch(c);
            return null;
        });
        metrics.certificateIssued(c.provisionerName(), c.profile() == null ? DEFAULT_PROFILE : c.profile(),
                c.keyType());
        if (ACME.equals(c.provisionerType())) {
            return; // audited when its order is valid (OpsAcmeEvents#delivered): stored is not yet delivered
        }
        audit.record("certificate.issued", "serial", c.serial(), "subject", c.subject(),
                "sans", String.join(",", c.sans()), "provisioner", c.provisionerName(),
                "provisionerType", c.provisionerType(), "requester", c.requester(), "keyType", c.keyType(),
                "notBefore", String.valueOf(c.notBefore()), "notAfter", String.valueOf(c.notAfter()));
    }

    private void watch(CertificateRecord c) {
        // The certificate is stored; a failing watch update must not withhold it from its client
        // (inside a unit of work the update is a savepoint, undone alone), but it must be visible
        // (metric + error log), never silent.
        try {
            tracker.record(c.serial(), names(c), c.notAfter(), c.issuedAt() == null ? c.notBefore() : c.issuedAt());
        } catch (RuntimeException e) {
            metrics.renewalWatchFailed();
            LOG.error("renewal watch: could not record certificate {} for {}: {}", c.serial(), names(c),
                    e.getMessage());
        }
    }

    /** A certificate's SANs as the inventory writes them ({@code dns:a.example,ip:192.0.2.1}). */
    static String sans(java.security.cert.X509Certificate leaf) {
        try {
            return String.join(",", dev.stile.authority.CertificateNameReader.sans(leaf).toTypedStrings());
        } catch (dev.stile.authority.AuthorityException e) {
            return "unparseable";
        }
    }

    /** The names the watch tracks: SAN values and the CN, lower-cased, as certificate_names holds them. */
    static Set<String> names(CertificateRecord c) {
        Set<String> names = new LinkedHashSet<>();
        for (String san : c.sans()) {
            int colon = san.indexOf(':');
            names.add((colon >= 0 ? san.substring(colon + 1) : san).trim().toLowerCase(Locale.ROOT));
        }
        String subject = c.subject() == null ? "" : c.subject();
        for (String rdn : subject.split(",")) {
            String r = rdn.trim();
            if (r.regionMatches(true, 0, "CN=", 0, 3)) {
                names.add(r.substring(3).trim().toLowerCase(Locale.ROOT));
            }
        }
        names.remove("");
        return names;
    }

    @Override
    public Optional<CertificateRecord> findBySerial(String serialHex) {
        return delegate.findBySerial(serialHex);
    }

    @Override
    public Page<CertificateRecord> list(CertificateQuery query, PageRequest page) {
        return delegate.list(query, page);
    }
}
