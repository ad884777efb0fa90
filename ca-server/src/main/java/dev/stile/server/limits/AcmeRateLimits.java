package dev.stile.server.limits;

import dev.stile.acme.jws.VerifiedRequest;
import dev.stile.acme.model.Authorization;
import dev.stile.acme.model.Identifier;
import dev.stile.acme.model.Order;
import dev.stile.acme.model.Status;
import dev.stile.acme.problem.RateLimitedException;
import dev.stile.acme.service.AcmeProvisionerSettings;
import dev.stile.db.limits.PendingAuthorizations;
import dev.stile.db.limits.RateBuckets;
import dev.stile.db.limits.RateDecision;
import dev.stile.db.limits.RateLimit;
import dev.stile.core.GoDuration;
import dev.stile.acme.port.AcmeEvents;
import dev.stile.server.http.acme.AcmeLimits;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The ACME rate limits and caps of {@link RateLimitSettings}, counted in the database
 * ({@link RateBuckets}) so replicas share them. A refusal is a {@link RateLimitedException}
 * (problem {@code rateLimited}, HTTP 429, {@code Retry-After}) and a {@code rateLimited} event
 * (metric {@code stile_rate_limited_total{limit}}).
 */
public final class AcmeRateLimits implements AcmeLimits {

    /** Pending authorizations expire on their own; a client at the cap may look again a minute later. */
    static final Duration PENDING_CAP_RETRY = Duration.ofMinutes(1);
    private static final String ACCOUNT_PATH = "/account/";

    private final RateLimitConfig config;
    private final RateBuckets buckets;
    private final PendingAuthorizations pending;
    private final AcmeEvents events;

    public AcmeRateLimits(RateLimitConfig config, RateBuckets buckets, PendingAuthorizations pending,
                          AcmeEvents events) {
        this.config = config;
        this.buckets = buckets;
        this.pending = pending;
        this.events = events;
    }

    @Override
    public Outcome newAccount(AcmeProvisionerSettings settings, VerifiedRequest request, boolean keyHasAccount,
                              String peerAddress, String forwardedFor) {
        RateLimitSettings s = config.forProvisioner(settings.name());
        if (!s.enabled() || keyHasAccount) {
            return Outcome.NOTHING; // looking up an existing account creates nothing
        }
        String client = config.clients().clientKey(peerAddress, forwardedFor);
        RateLimit limit = s.newAccountsPerAddress();
        String key = settings.name() + ":" + client;
        consume(limit, key, "too many new accounts from " + client);
        return happened -> {
            if (!happened) {
                buckets.refund(limit, key);
            }
        };
    }

    @Override
    public void newOrder(AcmeProvisionerSettings settings, VerifiedRequest request) {
        RateLimitSettings s = config.forProvisioner(settings.name());
        if (!s.enabled()) {
            return;
        }
        String account = request.requireAccount().id();
        consume(s.newOrdersPerAccount(), account, "too many new orders from account " + account);
        requireBelowPendingCap(s, account);
    }

    @Override
    public void newAuthorization(AcmeProvisionerSettings settings, VerifiedRequest request) {
        RateLimitSettings s = config.forProvisioner(settings.name());
        if (s.enabled()) {
            requireBelowPendingCap(s, request.requireAccount().id());
        }
    }

    @Override
    public void challenge(AcmeProvisionerSettings settings, VerifiedRequest request, Authorization authz) {
        RateLimitSettings s = config.forProvisioner(settings.name());
        if (!s.enabled() || request.isPostAsGet()) {
            return; // polling a challenge (POST-as-GET) starts nothing and is never limited
        }
        String account = request.requireAccount().id();
        if (!authz.accountId().equals(account) || authz.status() != Status.PENDING) {
            return; // the challenge service answers these without validating anything
        }
        RateLimit limit = s.failedValidationsPerAccountAndIdentifier();
        String name = authz.identifier().value();
        RateDecision d = buckets.check(limit, account + ":" + name);
        if (!d.allowed()) {
            throw refused(limit, "too many failed validations of " + name + " for account " + account, d);
        }
    }

    /** A validation attempt failed: counts against {@code failedValidationsPerAccountAndIdentifier}. */
    public void validationFailed(String accountUri, Identifier identifier) {
        int at = accountUri == null ? -1 : accountUri.lastIndexOf(ACCOUNT_PATH);
        if (at < 0) {
            return;
        }
        String account = accountUri.substring(at + ACCOUNT_PATH.length());
        String before = accountUri.substring(0, at);
        String provisioner = before.substring(before.lastIndexOf('/') + 1);
        RateLimitSettings s = config.forProvisioner(provisioner);
        if (s.enabled()) {
            buckets.tryConsume(s.failedValidationsPerAccountAndIdentifier(), account + ":" + identifier.value());
        }
    }

    @Override
    public Outcome finalizeOrder(AcmeProvisionerSettings settings, VerifiedRequest request, Order order) {
        RateLimitSettings s = config.forProvisioner(settings.name());
        if (!s.enabled()) {
            return Outcome.NOTHING;
        }
        if (!order.accountId().equals(request.requireAccount().id())
                || order.status() == Status.VALID || order.status() == Status.INVALID
                || order.status() == Status.PROCESSING) {
            return Outcome.NOTHING; // nothing will be issued
        }
        RateLimit limit = s.certificatesPerIdentifier();
        List<String> counted = new ArrayList<>();
        for (Identifier id : order.identifiers()) {
            RateDecision d = buckets.tryConsume(limit, id.value());
            if (!d.allowed()) {
                counted.forEach(name -> buckets.refund(limit, name));
                throw refused(limit, "too many certificates for " + id.value(), d);
            }
            counted.add(id.value());
        }
        return issued -> {
            if (!issued) {
                counted.forEach(name -> buckets.refund(limit, name));
            }
        };
    }

    /** Deletes buckets that are full again; returns how many. */
    public int purgeExpired(int batch) {
        return buckets.purgeExpired(batch);
    }

    /** {@code 1h}, {@code 24h}, {@code 1h30m}, {@code 90s} as {@code 1m30s}: Go's format without zero tails. */
    static String compact(Duration period) {
        return GoDuration.format(period).replaceAll("(?<=[hm])0m0s$|(?<=[hm])0s$", "");
    }

    private void requireBelowPendingCap(RateLimitSettings s, String account) {
        long cap = s.pendingAuthorizationsPerAccount();
        if (pending.countUpTo(account, cap) >= cap) {
            events.rateLimited(RateLimitSettings.PENDING_AUTHZ);
            throw new RateLimitedException("account " + account + " already holds " + cap
                    + " pending authorizations (rateLimits." + RateLimitSettings.PENDING_AUTHZ
                    + "); complete or deactivate some, or wait for them to expire", PENDING_CAP_RETRY);
        }
    }

    private void consume(RateLimit limit, String key, String what) {
        RateDecision d = buckets.tryConsume(limit, key);
        if (!d.allowed()) {
            throw refused(limit, what, d);
        }
    }

    private RateLimitedException refused(RateLimit limit, String what, RateDecision d) {
        events.rateLimited(limit.name());
        RateLimitedException e = new RateLimitedException(what + ": at most " + limit.count() + " per "
                + compact(limit.period()) + " (rateLimits." + limit.name() + ")", d.retryAfter());
        return new RateLimitedException(e.getMessage() + "; retry after " + e.retryAfterSeconds() + " s",
                d.retryAfter());
    }
}
