package dev.stile.acme.store;

import dev.stile.acme.model.Authorization;
import dev.stile.acme.model.Identifier;
import dev.stile.acme.model.Order;
import dev.stile.acme.problem.ProblemDocument;
import dev.stile.acme.validation.ValidationRecord;
import dev.stile.core.Page;
import dev.stile.core.PageRequest;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Orders, authorizations and challenges: one aggregate, because they change together. Every
 * transition is a guarded update that reports whether it happened (Boulder's SA), so two replicas
 * or two requests racing on the same object cannot both win.
 */
public interface OrderStore {

    /**
     * Stores an order and its new authorizations (with their challenges) in one transaction.
     * Authorizations listed in the order but not in {@code newAuthorizations} are reused ones that
     * already exist.
     */
    void createWithAuthorizations(Order order, List<Authorization> newAuthorizations);

    /** Stores a pre-authorization (RFC 8555 §7.4.1) that belongs to no order. */
    void createAuthorization(Authorization authorization);

    Optional<Order> findOrder(String orderId);

    Optional<Authorization> findAuthorization(String authorizationId);

    /** The authorization that contains this challenge. */
    Optional<Authorization> findAuthorizationOfChallenge(String challengeId);

    /** The authorizations with these ids, in the same order; missing ids are skipped. */
    List<Authorization> findAuthorizations(List<String> authorizationIds);

    /**
     * A valid authorization of this account for exactly this identifier (and wildcard flag) that is
     * still valid at {@code validUntil}, the latest expiring one first.
     */
    Optional<Authorization> findValidAuthorization(String accountId, Identifier identifier, boolean wildcard,
                                                   Instant validUntil);

    /** pending → processing for a challenge whose authorization is pending; false if not pending. */
    boolean markChallengeProcessing(String challengeId, Instant now);

    /**
     * As {@link #markChallengeProcessing(String, Instant)}, with the validation's lease taken for
     * {@code leaseOwner} until {@code leaseUntil} in the same write (see {@link #leaseChallenge}):
     * the replica that starts a validation holds it from the start, without a second write.
     */
    default boolean markChallengeProcessing(String challengeId, Instant now, String leaseOwner, Instant leaseUntil) {
        return markChallengeProcessing(challengeId, now) && leaseChallenge(challengeId, leaseOwner, now, leaseUntil);
    }

    /** Appends the records of a transient attempt to a processing challenge and remembers its problem. */
    void recordAttempt(String challengeId, List<ValidationRecord> records, ProblemDocument lastProblem);

    /**
     * Final outcome of a processing challenge, in one transaction: the challenge becomes valid or
     * invalid (with {@code problem}), its authorization likewise, and when invalid every pending
     * order using that authorization becomes invalid with the problem. Returns false when the
     * challenge was not processing (someone else finished it).
     */
    default boolean recordValidation(String challengeId, boolean valid, ProblemDocument problem,
                                     List<ValidationRecord> records, Instant now) {
        return recordValidation(challengeId, valid, problem, records, now, null);
    }

    /**
     * As {@link #recordValidation(String, boolean, ProblemDocument, List, Instant)}; when valid and
     * {@code expiresNoLaterThan} is given, the authorization's expiry is brought forward to it if
     * later (draft-ietf-acme-dns-persist-02 §4.1 item 5: never valid past a record's persistUntil).
     */
    boolean recordValidation(String challengeId, boolean valid, ProblemDocument problem,
                             List<ValidationRecord> records, Instant now, Instant expiresNoLaterThan);

    /** pending|valid → deactivated for an authorization (RFC 8555 §7.5.2); false otherwise. */
    boolean deactivateAuthorization(String authorizationId);

    /** pending → processing for an order about to be finalized; false if it was not pending. */
    boolean beginProcessing(String orderId);

    /**
     * pending → processing for an order about to be finalized, remembering when and the id its
     * certificate will be stored under, so {@link #findStalledOrders} can reconcile it after a
     * crash. False if it was not pending.
     */
    boolean beginProcessing(String orderId, String certificateId, Instant now);

    /**
     * Orders still processing that began before {@code startedBefore} (a finalize that crashed or
     * lost the database), oldest first, at most {@code limit}.
     */
    List<StalledOrder> findStalledOrders(Instant startedBefore, int limit);

    /** processing → pending again (ready to finalize once more, RFC 8555 §7.1.6); false if not processing. */
    boolean releaseProcessing(String orderId);

    /**
     * Takes or renews the lease on a processing challenge for {@code owner} until {@code until}:
     * succeeds when the challenge is processing and its lease is free, expired or already
     * {@code owner}'s. Replicas validate a challenge only while they hold its lease, and take over
     * the ones whose owner stopped renewing.
     */
    boolean leaseChallenge(String challengeId, String owner, Instant now, Instant until);

    /**
     * Gives up every lease {@code owner} holds (a replica stopping gracefully), so the next start
     * or another replica resumes those validations at once instead of after the lease expired.
     */
    void releaseLeases(String owner);

    /**
     * Processing challenges nobody holds: lease expired, or never leased and processing since
     * before {@code unleasedBefore}. Oldest first, at most {@code limit}.
     */
    List<ProcessingChallenge> findUnleasedChallenges(Instant now, Instant unleasedBefore, int limit);

    /** processing → valid with the certificate id. */
    boolean complete(String orderId, String certificateId);

    /** pending|processing → invalid with the problem. */
    boolean fail(String orderId, ProblemDocument problem);

    /** Ids of an account's orders, newest first, keyset paginated. */
    Page<String> listOrders(String accountId, PageRequest page);

    /** Challenges left processing (for instance by a restart), oldest first, at most {@code limit}. */
    List<ProcessingChallenge> findProcessingChallenges(int limit);

    /**
     * Retention: deletes up to {@code limit} orders that expired before {@code before} (whatever
     * their status), then up to {@code limit} authorizations (with their challenges) that expired
     * before it and no remaining order uses. Returns how many rows of both went.
     */
    int purgeExpired(Instant before, int limit);

    /** An order found processing past the deadline, with the certificate id its finalize reserved (may be null). */
    record StalledOrder(String orderId, String certificateId) {
    }

    /** A processing challenge with what a validation needs to resume it. */
    record ProcessingChallenge(String challengeId, String authorizationId, String accountId) {
    }
}
