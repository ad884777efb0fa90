package dev.stile.server.http.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stile.acme.port.RevocationPort;
import dev.stile.authority.inventory.CertificateRecord;
import dev.stile.authority.inventory.Revocations;
import dev.stile.admin.inventory.CertificateInventory;
import dev.stile.admin.inventory.InventoryEntry;
import dev.stile.admin.inventory.InventoryQuery;
import dev.stile.admin.inventory.OrderInventory;
import dev.stile.admin.inventory.OrderSummary;
import dev.stile.admin.inventory.RenewalGap;
import dev.stile.admin.inventory.RenewalTracker;
import dev.stile.admin.inventory.ValidationFailure;
import dev.stile.admin.inventory.ValidationFailureLog;
import dev.stile.core.GoDuration;
import dev.stile.server.http.JsonResponses;
import dev.stile.server.http.RouteModule;
import dev.stile.server.http.StepErrors;
import dev.stile.server.ops.AuditLog;
import dev.stile.core.Page;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stile's own admin routes, same authentication as step-ca's: the certificate inventory and its
 * revocation, the renewal-gap report, recent validation failures, and (once ACME storage exists)
 * orders.
 */
public final class InventoryRoutes implements RouteModule {

    /** RFC 5280 §5.3.1 CRLReason names by code (7 is unused); the CRL stores the code. */
    private static final List<String> REASONS = List.of("unspecified", "keyCompromise", "cACompromise",
            "affiliationChanged", "superseded", "cessationOfOperation", "certificateHold", "", "removeFromCRL",
            "privilegeWithdrawn", "aACompromise");

    private final AdminRequests requests;
    private final CertificateInventory inventory;
    private final OrderInventory orders;
    private final Revocations revocations;
    private final RenewalTracker tracker;
    private final ValidationFailureLog failures;
    private final AuditLog audit;
    private final Clock clock;
    private RevocationPort caRevocation;

    /**
     * @param revocations the same revocation store the step API and the CRL use
     */
    public InventoryRoutes(AdminAuthenticator authenticator, CertificateInventory inventory, OrderInventory orders,
                           Revocations revocations, RenewalTracker tracker, ValidationFailureLog failures,
                           AuditLog audit, Clock clock) {
        this.requests = new AdminRequests(authenticator);
        this.inventory = inventory;
        this.orders = orders;
        this.revocations = revocations;
        this.tracker = tracker;
        this.failures = failures;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Revoke through the CA's revocation path (the same as step's {@code /revoke} and ACME's), so
     * the CRL is regenerated at once; without it only the inventory is marked.
     */
    public InventoryRoutes revokingThrough(RevocationPort caRevocation) {
        this.caRevocation = caRevocation;
        return this;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/admin/certificates", requests.authenticated(this::certificates));
        routes.post("/admin/certificates/{serial}/revoke", requests.authenticated(this::revoke));
        routes.get("/admin/renewal-gaps", requests.authenticated(this::renewalGaps));
        routes.get("/admin/validation-failures", requests.authenticated(this::validationFailures));
        routes.get("/admin/orders", requests.authenticated(this::orders));
    }

    private void certificates(Context ctx, AdminIdentity who) {
        Instant now = clock.instant();
        String status = ctx.queryParam("status");
        InventoryQuery q = new InventoryQuery(ctx.queryParam("name"), ctx.queryParam("serial"),
                ctx.queryParam("provisioner"), status == null || status.isBlank() ? null : InventoryQuery.Status.parse(status),
                instantOrDuration("expiringBefore", ctx.queryParam("expiringBefore"), now), now);
        Page<InventoryEntry> page = inventory.list(q, AdminRequests.page(ctx));
        List<Object> items = new ArrayList<>();
        page.items().forEach(e -> items.add(certificateJson(e, now)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("certificates", items);
        body.put("nextCursor", page.nextCursor());
        JsonResponses.send(ctx, 200, body);
    }

    private void revoke(Context ctx, AdminIdentity who) throws Exception {
        String serial = ctx.pathParam("serial");
        String reason = "unspecified";
        if (!ctx.body().isBlank()) {
            JsonNode body;
            try {
                body = JsonResponses.mapper().readTree(ctx.body());
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalArgumentException("the body is not valid JSON");
            }
            reason = body.path("reason").asText(reason);
        }
        int code = REASONS.indexOf(reason);
        if (code < 0 || reason.isEmpty() || reason.equals("removeFromCRL")) {
            throw new IllegalArgumentException("reason \"" + reason + "\" is not an RFC 5280 revocation reason such as "
                    + "keyCompromise, superseded or cessationOfOperation");
        }
        InventoryEntry entry = inventory.find(serial).orElse(null);
        if (entry == null) {
            StepErrors.notFound(ctx, "certificate " + serial + " is not in the inventory");
            return;
        }
        Instant now = clock.instant();
        String canonical = entry.certificate().serial();
        boolean revoked;
        if (caRevocation != null) {
            X509Certificate leaf = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                    new ByteArrayInputStream(entry.certificate().pem().getBytes(StandardCharsets.US_ASCII)));
            revoked = caRevocation.revoke(leaf, code, "admin " + who.subject()) == RevocationPort.Result.REVOKED;
        } else {
            revoked = revocations.revoke(canonical, code, now) == Revocations.Outcome.REVOKED;
        }
        if (!revoked) {
            throw new IllegalArgumentException("certificate " + canonical + " is already revoked");
        }
        audit.record("certificate.revoked", "by", who.subject(), "serial", canonical, "reason", reason, "via", "admin");
        JsonResponses.send(ctx, 200, certificateJson(inventory.find(canonical).orElseThrow(), now));
    }

    private void orders(Context ctx, AdminIdentity who) throws Exception {
        Page<OrderSummary> page = orders.list(ctx.queryParam("status"), ctx.queryParam("provisioner"),
                ctx.queryParam("account"), AdminRequests.page(ctx));
        List<Object> items = new ArrayList<>();
        for (OrderSummary o : page.items()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", o.id());
            m.put("account", o.accountId());
            m.put("provisioner", o.provisioner());
            m.put("status", o.status());
            m.put("identifiers", JsonResponses.mapper().readTree(o.identifiers()));
            m.put("expires", o.expiresAt().toString());
            m.put("created", o.createdAt().toString());
            if (o.certificateId() != null) {
                m.put("certificate", o.certificateId());
            }
            if (o.errorJson() != null) {
                m.put("error", JsonResponses.mapper().readTree(o.errorJson()));
            }
            items.add(m);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("orders", items);
        body.put("nextCursor", page.nextCursor());
        JsonResponses.send(ctx, 200, body);
    }

    private void renewalGaps(Context ctx, AdminIdentity who) {
        Instant now = clock.instant();
        String within = ctx.queryParam("within");
        Duration window = within == null || within.isBlank() ? Duration.ofHours(24) : duration("within", within);
        Page<RenewalGap> page = tracker.gaps(now.plus(window), AdminRequests.page(ctx));
        List<Object> items = new ArrayList<>();
        for (RenewalGap g : page.items()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", g.name());
            m.put("serial", g.serial());
            m.put("notAfter", g.notAfter().toString());
            m.put("issuedAt", g.issuedAt().toString());
            m.put("expired", !g.notAfter().isAfter(now));
            items.add(m);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("within", GoDuration.format(window));
        body.put("gaps", items);
        body.put("nextCursor", page.nextCursor());
        JsonResponses.send(ctx, 200, body);
    }

    private void validationFailures(Context ctx, AdminIdentity who) throws Exception {
        Page<ValidationFailure> page = failures.list(AdminRequests.page(ctx));
        List<Object> items = new ArrayList<>();
        for (ValidationFailure f : page.items()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", f.id());
            m.put("failedAt", f.failedAt().toString());
            m.put("challenge", f.challengeType());
            m.put("identifier", f.identifier());
            m.put("outcome", f.outcome());
            m.put("final", f.finalFailure());
            m.put("problem", JsonResponses.mapper().readTree(f.problemJson()));
            items.add(m);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("failures", items);
        body.put("nextCursor", page.nextCursor());
        JsonResponses.send(ctx, 200, body);
    }

    private static Map<String, Object> certificateJson(InventoryEntry e, Instant now) {
        CertificateRecord c = e.certificate();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("serial", c.serial());
        m.put("serialDecimal", new java.math.BigInteger(c.serial(), 16).toString());
        m.put("subject", c.subject());
        m.put("sans", c.sans());
        m.put("notBefore", c.notBefore().toString());
        m.put("notAfter", c.notAfter().toString());
        m.put("provisioner", c.provisionerName());
        m.put("provisionerType", c.provisionerType());
        m.put("requester", c.requester());
        m.put("keyType", c.keyType());
        if (c.profile() != null) {
            m.put("profile", c.profile());
        }
        m.put("issuedAt", c.issuedAt().toString());
        m.put("status", e.revokedAt() != null ? "revoked" : c.notAfter().isAfter(now) ? "active" : "expired");
        if (e.revokedAt() != null) {
            m.put("revokedAt", e.revokedAt().toString());
            m.put("revocationReason", reasonName(e.revocationReason()));
        }
        return m;
    }

    /** The stored CRLReason code as its RFC 5280 name (older rows may hold a name already). */
    private static String reasonName(String stored) {
        try {
            int code = Integer.parseInt(stored);
            return code >= 0 && code < REASONS.size() ? REASONS.get(code) : stored;
        } catch (NumberFormatException e) {
            return stored;
        }
    }

    /** RFC 3339 instant, or a duration from now such as {@code 24h}. */
    private static Instant instantOrDuration(String name, String text, Instant now) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text.trim());
        } catch (DateTimeParseException e) {
            return now.plus(duration(name, text));
        }
    }

    private static Duration duration(String name, String text) {
        try {
            return GoDuration.parse(text.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " \"" + text + "\" is neither a duration like 24h nor an RFC 3339 time");
        }
    }
}
