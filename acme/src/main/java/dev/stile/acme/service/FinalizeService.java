package dev.stile.acme.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stile.acme.jws.VerifiedRequest;
import dev.stile.acme.model.Account;
import dev.stile.acme.model.Authorization;
import dev.stile.acme.model.Challenge;
import dev.stile.acme.model.Order;
import dev.stile.acme.model.OrderStatus;
import dev.stile.acme.model.Status;
import dev.stile.acme.port.CaaChecker;
import dev.stile.acme.port.CertificateIssuer;
import dev.stile.acme.problem.AcmeException;
import dev.stile.acme.problem.AcmeProblem;
import dev.stile.acme.problem.ProblemDocument;
import dev.stile.acme.store.AcmeCertificate;
import dev.stile.acme.store.AcmeCertificateStore;
import dev.stile.acme.store.OrderStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Finalize (RFC 8555 §7.4): the order must be ready, the CSR must pass {@link CsrChecks}, then the
 * order goes ready → processing (guarded, so a double finalize issues once), CAA is checked when
 * configured, the certificate is issued synchronously and the order answered as valid. A CSR
 * problem leaves the order ready (the client may retry); a CAA or issuance failure makes it
 * invalid with that problem.
 */
public final class FinalizeService {

    private static final Logger LOG = LoggerFactory.getLogger(FinalizeService.class);

    private final OrderStore orders;
    private final AcmeCertificateStore certificates;
    private final CertificateIssuer issuer;
    private final CaaChecker caa;
    private final AcmeUrls urls;
    private final Clock clock;

    /**
     * @param caa the CAA check, or {@code null} when {@code validation.caa.identities} is not configured
     */
    public FinalizeService(OrderStore orders, AcmeCertificateStore certificates, CertificateIssuer issuer,
                           CaaChecker caa, AcmeUrls urls, Clock clock) {
        this.orders = orders;
        this.certificates = certificates;
        this.issuer = issuer;
        this.caa = caa;
        this.urls = urls;
        this.clock = clock;
    }

    /**
     * What a finalize produced.
     *
     * @param order  the order as the client sees it
     * @param issued whether this call issued the certificate ({@code false} for a repeated finalize
     *               of an order that is already valid), so rate limits count issuances only
     */
    public record Finalized(Order order, boolean issued) {
    }

    /** POST {@code order/{id}/finalize {"csr": ...}}: 200 with the (valid) order and its {@code Location}. */
    public Order finalize(AcmeProvisionerSettings settings, VerifiedRequest request, String orderId) {
        return finalizeOrder(settings, request, orderId).order();
    }

    /**
     * Finalize, idempotent as step-ca's: an order that is already valid (an earlier finalize, or a
     * concurrent one that won the race) is answered unchanged without looking at the CSR again, so
     * a client whose finalize response was lost can simply retry. Any other order that is not
     * ready is {@code orderNotReady}.
     */
    public Finalized finalizeOrder(AcmeProvisionerSettings settings, VerifiedRequest request, String orderId) {
        return finalizeOrder(settings, request, ownOrder(request, orderId));
    }

    /** The order {@code orderId} of the request's account; read once by a finalize request. */
    public Order ownOrder(VerifiedRequest request, String orderId) {
        return OrderService.ownOrder(request.requireAccount(), orderId, orders);
    }

    /** As {@link #finalizeOrder(AcmeProvisionerSettings, VerifiedRequest, String)}, for an order {@link #ownOrder} read. */
    public Finalized finalizeOrder(AcmeProvisionerSettings settings, VerifiedRequest request, Order order) {
        Account account = request.requireAccount();
        String orderId = order.id();
        if (!order.accountId().equals(account.id())) {
            throw AcmeException.unauthorized("order " + orderId + " belongs to another account");
        }
        List<Authorization> authzs = orders.findAuthorizations(order.authorizationIds());
        Status status = OrderStatus.derive(order, authzs, clock.instant());
        if (status == Status.VALID) {
            return new Finalized(view(order), false);
        }
        if (status != Status.READY) {
            throw new AcmeException(AcmeProblem.ORDER_NOT_READY, "order " + orderId + " is " + status.token()
                    + "; it can be finalized only when ready (all authorizations valid)");
        }
        JsonNode payload = Payloads.object(request.payload());
        byte[] der = Payloads.base64url(payload, "csr");
        PublicKey accountKey = request.jwk().getPublicKey();
        CsrChecks.CheckedCsr csr = CsrChecks.check(der, order.identifiers(), accountKey);
        // The certificate's id is reserved with the transition, so a reconciler can tell after a
        // crash whether this finalize stored its certificate (see OrderReconciler).
        String certificateId = Ids.random();
        if (!orders.beginProcessing(orderId, certificateId, clock.instant())) {
            Order current = view(orders.findOrder(orderId).orElseThrow());
            if (current.status() == Status.VALID) {
                return new Finalized(current, false);
            }
            throw new AcmeException(AcmeProblem.ORDER_NOT_READY, "order " + orderId + " is already being finalized");
        }
        String accountUrl = urls.accountUrl(account.provisioner(), account.id());
        try {
            checkCaa(authzs, accountUrl);
            // A profile removed from the configuration after the order was placed falls back to the default.
            AcmeProvisionerSettings.Profile profile = order.profile() == null ? null : settings.profiles().get(order.profile());
            Duration lifetime = profile == null ? settings.defaultLifetime() : profile.lifetime();
            CertificateIssuer.IssueRequest issueRequest = new CertificateIssuer.IssueRequest(
                    csr.publicKey(), csr.commonName(), order.identifiers(), order.notBefore(), order.notAfter(),
                    lifetime, settings.name(), accountUrl, profile == null ? null : order.profile());
            CertificateIssuer.IssuedCertificate issued = issuer.issue(issueRequest);
            X509Certificate leaf = issued.leaf();
            AcmeCertificate cert = new AcmeCertificate(certificateId, account.id(), settings.name(),
                    leaf.getSerialNumber().toString(16), order.identifiers(), issued.chainPem(),
                    leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant(), AriCertId.of(leaf), false);
            certificates.save(cert);
            boolean completed = orders.complete(orderId, cert.id());
            if (completed) {
                issuer.delivered(issueRequest, issued);
            }
            if (order.replaces() != null) {
                certificates.findByAriCertId(order.replaces()).ifPresent(old -> certificates.markReplaced(old.id()));
            }
            // The guarded UPDATE says what the order is now: valid with this certificate. Only
            // when something else moved it meanwhile is it read back.
            return new Finalized(completed ? order.completedWith(cert.id())
                    : view(orders.findOrder(orderId).orElseThrow()), true);
        } catch (AcmeException e) {
            orders.fail(orderId, e.problem());
            throw e;
        } catch (RuntimeException e) {
            LOG.error("issuing the certificate for order {} failed", orderId, e);
            ProblemDocument p = AcmeProblem.SERVER_INTERNAL.withDetail("the CA could not issue the certificate for order "
                    + orderId + "; the operator finds the cause in the server log");
            orders.fail(orderId, p);
            throw new AcmeException(p);
        }
    }

    private Order view(Order order) {
        return new OrderService(orders, certificates, clock).view(order);
    }

    private void checkCaa(List<Authorization> authzs, String accountUrl) {
        if (caa == null) {
            return;
        }
        List<ProblemDocument> problems = new ArrayList<>();
        for (Authorization a : authzs) {
            Challenge used = a.challenges().stream().filter(c -> c.status() == Status.VALID).findFirst().orElse(null);
            ProblemDocument p = caa.check(a.orderIdentifier(), accountUrl, used == null ? null : used.type());
            if (p != null) {
                problems.add(p.identifier() == null ? p.about(a.orderIdentifier()) : p);
            }
        }
        if (!problems.isEmpty()) {
            throw new AcmeException(Identifiers.combine(problems));
        }
    }
}
