package dev.stile.server.http.admin.console;

import dev.stile.acme.service.RenewalInfo;
import dev.stile.acme.service.RenewalInfoService;
import dev.stile.authority.inventory.CertificateRecord;
import dev.stile.admin.inventory.CertificateInventory;
import dev.stile.admin.inventory.DashboardQueries;
import dev.stile.admin.inventory.InventoryEntry;
import dev.stile.admin.AdminStore;
import dev.stile.admin.inventory.RenewalGap;
import dev.stile.admin.inventory.RenewalTracker;
import dev.stile.admin.retention.Retention;
import dev.stile.admin.inventory.TableStats;
import dev.stile.core.GoDuration;
import dev.stile.server.http.JsonResponses;
import dev.stile.server.http.RouteModule;
import dev.stile.server.http.StepErrors;
import dev.stile.server.http.admin.AdminAuthenticator;
import dev.stile.server.http.admin.AdminIdentity;
import dev.stile.server.http.admin.AdminRequests;
import dev.stile.core.PageRequest;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /admin/dashboard}: what the console's first page shows (active and expiring
 * certificates, stopped renewals, validation failures of the last 24 h by cause, issuance per hour
 * for 7 days, store size, retention); and {@code GET /admin/certificates/{serial}}: one certificate
 * with its chain, ACME account and order, and ARI window. Same authentication as every admin route.
 */
public final class DashboardRoutes implements RouteModule {

    /** At most this many names are examined per dashboard load (the count says "or more" beyond). */
    private static final int STOPPED_SCAN = 1000;

    private final AdminRequests requests;
    private final AdminStore admins;
    private final CertificateInventory inventory;
    private final DashboardQueries queries;
    private final RenewalTracker tracker;
    private final TableStats tables;
    private final Retention retention;
    private final boolean retentionOn;
    private final Clock clock;

    public DashboardRoutes(AdminAuthenticator authenticator, AdminStore admins, CertificateInventory inventory, DashboardQueries queries,
                           RenewalTracker tracker, TableStats tables, Retention retention, boolean retentionOn,
                           Clock clock) {
        this.requests = new AdminRequests(authenticator);
        this.admins = admins;
        this.inventory = inventory;
        this.queries = queries;
        this.tracker = tracker;
        this.tables = tables;
        this.retention = retention;
        this.retentionOn = retentionOn;
        this.clock = clock;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/admin/dashboard", requests.authenticated(this::dashboard));
        routes.get("/admin/certificates/{serial}", requests.authenticated(this::certificate));
    }

    private void dashboard(Context ctx, AdminIdentity who) throws Exception {
        Instant now = clock.instant();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("now", now.toString());
        body.put("activeCertificates", inventory.countActive(now));
        body.put("expiringIn24h", queries.countExpiring(now, now.plus(Duration.ofHours(24))));
        body.put("expiringIn7d", queries.countExpiring(now, now.plus(Duration.ofDays(7))));
        List<RenewalGap> stopped = stoppedRenewals(now);
        List<Object> gaps = new ArrayList<>();
        for (RenewalGap g : stopped.subList(0, Math.min(10, stopped.size()))) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", g.name());
            m.put("serial", g.serial());
            m.put("notAfter", g.notAfter().toString());
            m.put("expired", !g.notAfter().isAfter(now));
            gaps.add(m);
        }
        body.put("renewalGapCount", stopped.size());
        body.put("renewalGapCountCapped", stopped.size() >= STOPPED_SCAN - PageRequest.MAX_LIMIT);
        body.put("renewalGaps", gaps);
        List<Object> causes = new ArrayList<>();
        for (DashboardQueries.FailureGroup g : queries.failuresByCause(now.minus(Duration.ofHours(24)))) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("outcome", g.outcome());
            m.put("challenge", g.challengeType());
            m.put("count", g.count());
            m.put("latest", g.latest().toString());
            m.put("identifier", g.latestIdentifier());
            m.put("detail", JsonResponses.mapper().readTree(g.latestProblemJson()).path("detail").asText(""));
            causes.add(m);
        }
        body.put("validationFailures24h", causes);
        Map<String, Object> issuance = new LinkedHashMap<>();
        issuance.put("hours", 168);
        issuance.put("endsAt", now.toString());
        issuance.put("counts", queries.issuedPerHour(now, 168));
        body.put("issuancePerHour", issuance);
        body.put("tables", tables.rowCounts());
        Map<String, Object> ret = new LinkedHashMap<>();
        ret.put("enabled", retentionOn);
        List<Object> rules = new ArrayList<>();
        retention.rules().forEach(r -> rules.add(Map.of("name", r.name(), "keep", GoDuration.format(r.keep()))));
        ret.put("rules", rules);
        body.put("retention", ret);
        ctx.header("Cache-Control", "no-store");
        JsonResponses.send(ctx, 200, body);
    }

    /**
     * Names whose renewals stopped: the newest certificate expires within 24 h (or has expired)
     * and its ARI window has ended without a newer one. A 24 h certificate renewed on time is
     * never listed, though it always "expires within 24 h". Admin subjects are left out: their
     * certificates come from {@code stile admin login} and are not meant to be renewed.
     */
    private List<RenewalGap> stoppedRenewals(Instant now) {
        java.util.Set<String> adminSubjects = new java.util.HashSet<>();
        admins.list(PageRequest.first(100)).items().forEach(a -> adminSubjects.add(a.subject().toLowerCase(java.util.Locale.ROOT)));
        List<RenewalGap> stopped = new ArrayList<>();
        String cursor = "";
        int examined = 0;
        do {
            var page = tracker.gaps(now.plus(Duration.ofHours(24)), new PageRequest(cursor, PageRequest.MAX_LIMIT));
            for (RenewalGap g : page.items()) {
                Instant windowEnd = RenewalInfoService.suggestedWindow(g.issuedAt(), g.notAfter()).end();
                if (now.isAfter(windowEnd) && !adminSubjects.contains(g.name())) {
                    stopped.add(g);
                }
            }
            examined += page.items().size();
            cursor = page.nextCursor();
        } while (!cursor.isEmpty() && examined < STOPPED_SCAN);
        return stopped;
    }

    private void certificate(Context ctx, AdminIdentity who) throws Exception {
        String serial = ctx.pathParam("serial");
        InventoryEntry entry = inventory.find(serial).orElse(null);
        if (entry == null) {
            StepErrors.notFound(ctx, "certificate " + serial + " is not in the inventory");
            return;
        }
        Instant now = clock.instant();
        CertificateRecord c = entry.certificate();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("serial", c.serial());
        m.put("serialDecimal", new java.math.BigInteger(c.serial(), 16).toString());
        m.put("subject", c.subject());
        m.put("sans", c.sans());
        m.put("notBefore", c.notBefore().toString());
        m.put("notAfter", c.notAfter().toString());
        m.put("issuedAt", c.issuedAt().toString());
        m.put("provisioner", c.provisionerName());
        m.put("provisionerType", c.provisionerType());
        m.put("requester", c.requester());
        m.put("keyType", c.keyType());
        m.put("profile", c.profile());
        m.put("status", entry.revokedAt() != null ? "revoked" : c.notAfter().isAfter(now) ? "active" : "expired");
        if (entry.revokedAt() != null) {
            m.put("revokedAt", entry.revokedAt().toString());
            m.put("revocationReason", entry.revocationReason());
        }
        queries.acmeOrigin(c.serial()).ifPresent(a -> {
            Map<String, Object> acme = new LinkedHashMap<>();
            acme.put("account", a.accountId());
            acme.put("order", a.orderId());
            acme.put("ariCertId", a.ariCertId());
            m.put("acme", acme);
        });
        RenewalInfo window = RenewalInfoService.suggestedWindow(c.notBefore(), c.notAfter());
        m.put("renewalWindow", Map.of("start", window.start().toString(), "end", window.end().toString()));
        m.put("chain", chain(c.pem()));
        m.put("pem", c.pem());
        ctx.header("Cache-Control", "no-store");
        JsonResponses.send(ctx, 200, m);
    }

    private static List<Object> chain(String pem) throws Exception {
        List<Object> out = new ArrayList<>();
        CertificateFactory f = CertificateFactory.getInstance("X.509");
        for (var cert : f.generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
            X509Certificate x = (X509Certificate) cert;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("subject", x.getSubjectX500Principal().getName());
            m.put("issuer", x.getIssuerX500Principal().getName());
            m.put("serial", x.getSerialNumber().toString(16));
            m.put("notAfter", x.getNotAfter().toInstant().toString());
            out.add(m);
        }
        return out;
    }
}
