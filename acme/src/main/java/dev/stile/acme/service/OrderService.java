package dev.stile.acme.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stile.acme.jws.VerifiedRequest;
import dev.stile.acme.model.Account;
import dev.stile.acme.model.Authorization;
import dev.stile.acme.model.Identifier;
import dev.stile.acme.model.Order;
import dev.stile.acme.model.OrderStatus;
import dev.stile.acme.model.Status;
import dev.stile.acme.problem.AcmeException;
import dev.stile.acme.problem.AcmeProblem;
import dev.stile.acme.problem.ProblemDocument;
import dev.stile.acme.port.IdentifierPolicy;
import dev.stile.acme.store.AcmeCertificate;
import dev.stile.acme.store.AcmeCertificateStore;
import dev.stile.acme.store.OrderStore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * newOrder (RFC 8555 §7.4) and order reads. Orders are returned with the status a client must see
 * ({@link OrderStatus#derive}); finalization is {@link FinalizeService}.
 */
public final class OrderService {

    /** How far in the past a requested notBefore may lie (clock skew of clients). */
    static final Duration MAX_BACKDATE = Duration.ofHours(1);

    private final OrderStore orders;
    private final AcmeCertificateStore certificates;
    private final Clock clock;
    private final IdentifierPolicy policy;

    public OrderService(OrderStore orders, AcmeCertificateStore certificates, Clock clock) {
        this(orders, certificates, clock, IdentifierPolicy.ALLOW_ALL);
    }

    /** @param policy asked before an order is created; a refusal is {@code rejectedIdentifier} */
    public OrderService(OrderStore orders, AcmeCertificateStore certificates, Clock clock, IdentifierPolicy policy) {
        this.orders = orders;
        this.certificates = certificates;
        this.clock = clock;
        this.policy = policy == null ? IdentifierPolicy.ALLOW_ALL : policy;
    }

    /** newOrder: 201 Created with {@code Location} = the order URL. */
    public Order newOrder(AcmeProvisionerSettings settings, VerifiedRequest request) {
        Account account = request.requireAccount();
        JsonNode payload = Payloads.object(request.payload());
        List<Identifier> identifiers = Identifiers.parse(payload.get("identifiers"));
        checkChallengesAvailable(identifiers, settings);
        String refusal = policy.refusal(settings.name(), identifiers);
        if (refusal != null) {
            throw new AcmeException(AcmeProblem.REJECTED_IDENTIFIER, refusal);
        }
        Instant now = clock.instant();
        Instant notBefore = Payloads.instant(payload, "notBefore");
        Instant notAfter = Payloads.instant(payload, "notAfter");
        String profile = Payloads.text(payload, "profile");
        if (profile != null && !settings.profiles().containsKey(profile)) {
            throw new AcmeException(AcmeProblem.INVALID_PROFILE, "profile \"" + profile
                    + "\" is not offered by provisioner " + settings.name() + "; offered: " + settings.profiles().keySet());
        }
        checkValidity(settings, notBefore, notAfter, now);
        String replaces = Payloads.text(payload, "replaces");
        if (replaces != null) {
            checkReplaces(account, replaces);
        }
        List<String> authzIds = new ArrayList<>();
        List<Authorization> created = new ArrayList<>();
        List<Authorization> all = new ArrayList<>();
        Instant expires = now.plus(settings.orderLifetime());
        for (Identifier id : identifiers) {
            Optional<Authorization> reuse = findReusable(account, id, now, reuseWindow(settings, profile));
            Authorization authz = reuse.orElseGet(() ->
                    AuthorizationFactory.create(account.id(), id, settings.challengeTypes(), now.plus(settings.authzLifetime())));
            if (reuse.isEmpty()) {
                created.add(authz);
            }
            authzIds.add(authz.id());
            all.add(authz);
            expires = authz.expires().isBefore(expires) ? authz.expires() : expires;
        }
        Order order = new Order(Ids.random(), account.id(), settings.name(), Status.PENDING, identifiers, notBefore,
                notAfter, expires, authzIds, null, null, profile, replaces, now);
        orders.createWithAuthorizations(order, created);
        // Its authorizations are the ones just stored or just read: derive from them, not a re-read.
        return order.withStatus(OrderStatus.derive(order, all, clock.instant()));
    }

    /** POST-as-GET of an order URL: 200 with {@code Location}, plus {@code Retry-After} while processing. */
    public Order order(VerifiedRequest request, String orderId) {
        return orderWithAuthorizations(request, orderId).order();
    }

    /**
     * An order poll: the order as the client sees it now, with the authorizations its status was
     * derived from, so that {@code Retry-After} needs no second read of them.
     */
    public Seen orderWithAuthorizations(VerifiedRequest request, String orderId) {
        Payloads.requirePostAsGet(request.payload(), "an order");
        Order order = ownOrder(request.requireAccount(), orderId, orders);
        List<Authorization> authzs = orders.findAuthorizations(order.authorizationIds());
        return new Seen(order.withStatus(OrderStatus.derive(order, authzs, clock.instant())), authzs);
    }

    /** An order as the client sees it and the authorizations read to derive its status. */
    public record Seen(Order order, List<Authorization> authorizations) {
    }

    /** The order as the client sees it now. */
    Order view(Order order) {
        List<Authorization> authzs = orders.findAuthorizations(order.authorizationIds());
        return order.withStatus(OrderStatus.derive(order, authzs, clock.instant()));
    }

    static Order ownOrder(Account account, String orderId, OrderStore orders) {
        Order order = orders.findOrder(orderId)
                .orElseThrow(() -> AcmeException.notFound("order " + orderId + " does not exist"));
        if (!order.accountId().equals(account.id())) {
            throw AcmeException.unauthorized("order " + orderId + " belongs to another account");
        }
        return order;
    }

    /**
     * A valid authorization of the account for the identifier, validated within {@code window}
     * when the order's profile limits reuse (a short-lived profile revalidates after hours, not days).
     */
    private Optional<Authorization> findReusable(Account account, Identifier orderIdentifier, Instant now,
                                                 Duration window) {
        boolean wildcard = orderIdentifier.isWildcard();
        Identifier base = wildcard ? Identifier.dns(orderIdentifier.value().substring(2)) : orderIdentifier;
        Optional<Authorization> found = orders.findValidAuthorization(account.id(), base, wildcard, now);
        if (window == null || found.isEmpty()) {
            return found;
        }
        Instant oldest = now.minus(window);
        return found.filter(a -> a.challenges().stream()
                .map(dev.stile.acme.model.Challenge::validated)
                .anyMatch(v -> v != null && !v.isBefore(oldest)));
    }

    private static Duration reuseWindow(AcmeProvisionerSettings settings, String profile) {
        if (profile == null) {
            // Without a profile the provisioner's first profile named "default" sets the window, if any.
            AcmeProvisionerSettings.Profile d = settings.profiles().get("default");
            return d == null ? null : d.authorizationReuse();
        }
        return settings.profiles().get(profile).authorizationReuse();
    }

    private static void checkChallengesAvailable(List<Identifier> identifiers, AcmeProvisionerSettings settings) {
        List<ProblemDocument> problems = new ArrayList<>();
        for (Identifier id : identifiers) {
            try {
                AuthorizationFactory.requireChallenges(id, settings.challengeTypes());
            } catch (AcmeException e) {
                problems.add(e.problem().about(id));
            }
        }
        if (!problems.isEmpty()) {
            throw new AcmeException(Identifiers.combine(problems));
        }
    }

    private static void checkValidity(AcmeProvisionerSettings s, Instant notBefore, Instant notAfter, Instant now) {
        if (notBefore != null && notBefore.isBefore(now.minus(MAX_BACKDATE))) {
            throw AcmeException.malformed("notBefore " + notBefore + " is more than " + MAX_BACKDATE.toMinutes()
                    + " minutes in the past");
        }
        if (notBefore != null && notBefore.isAfter(now.plus(s.orderLifetime()))) {
            throw AcmeException.malformed("notBefore " + notBefore + " lies after the order would expire");
        }
        if (notAfter == null) {
            return;
        }
        Instant start = notBefore == null ? now : notBefore;
        if (!notAfter.isAfter(start)) {
            throw AcmeException.malformed("notAfter " + notAfter + " must be after notBefore " + start);
        }
        Duration lifetime = Duration.between(start, notAfter);
        if (lifetime.compareTo(s.minLifetime()) < 0 || lifetime.compareTo(s.maxLifetime()) > 0) {
            throw AcmeException.malformed("the requested lifetime " + lifetime + " is outside provisioner "
                    + s.name() + "'s limits " + s.minLifetime() + " to " + s.maxLifetime());
        }
    }

    private void checkReplaces(Account account, String certId) {
        AcmeCertificate cert = certificates.findByAriCertId(certId)
                .filter(c -> c.accountId().equals(account.id()))
                .orElseThrow(() -> AcmeException.malformed("\"replaces\" names certificate " + certId
                        + ", which this account was not issued (RFC 9773 §5)"));
        if (cert.replaced()) {
            throw new AcmeException(AcmeProblem.ALREADY_REPLACED,
                    "certificate " + certId + " was already replaced by another order");
        }
    }
}
