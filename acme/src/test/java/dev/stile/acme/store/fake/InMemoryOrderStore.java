package dev.stile.acme.store.fake;

import dev.stile.acme.model.Authorization;
import dev.stile.acme.model.Challenge;
import dev.stile.acme.model.Identifier;
import dev.stile.acme.model.Order;
import dev.stile.acme.model.Status;
import dev.stile.acme.problem.ProblemDocument;
import dev.stile.acme.store.OrderStore;
import dev.stile.acme.validation.ValidationRecord;
import dev.stile.core.Page;
import dev.stile.core.PageRequest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * HashMap fake of {@link OrderStore} with the same guarded transitions as the JDBC store. The
 * list cursor is the index into the account's orders sorted newest first (good enough for tests).
 */
public final class InMemoryOrderStore implements OrderStore {

    private final Map<String, Order> orders = new LinkedHashMap<>();
    private final Map<String, Authorization> authzs = new LinkedHashMap<>();
    private long sequence;
    private final Map<String, Long> orderSeq = new LinkedHashMap<>();
    /** Finalizes in progress: order id → (started, reserved certificate id). */
    private final Map<String, Map.Entry<Instant, String>> processing = new LinkedHashMap<>();
    /** Validation leases: challenge id → (owner, expires). */
    private final Map<String, Map.Entry<String, Instant>> leases = new LinkedHashMap<>();

    @Override
    public synchronized void createWithAuthorizations(Order order, List<Authorization> newAuthorizations) {
        newAuthorizations.forEach(a -> authzs.put(a.id(), a));
        orders.put(order.id(), order);
        orderSeq.put(order.id(), ++sequence);
    }

    @Override
    public synchronized void createAuthorization(Authorization authorization) {
        authzs.put(authorization.id(), authorization);
    }

    @Override
    public synchronized Optional<Order> findOrder(String orderId) {
        return Optional.ofNullable(orders.get(orderId));
    }

    @Override
    public synchronized Optional<Authorization> findAuthorization(String id) {
        return Optional.ofNullable(authzs.get(id));
    }

    @Override
    public synchronized Optional<Authorization> findAuthorizationOfChallenge(String challengeId) {
        return authzs.values().stream().filter(a -> a.challenge(challengeId).isPresent()).findFirst();
    }

    @Override
    public synchronized List<Authorization> findAuthorizations(List<String> ids) {
        return ids.stream().map(authzs::get).filter(a -> a != null).collect(Collectors.toList());
    }

    @Override
    public synchronized Optional<Authorization> findValidAuthorization(String accountId, Identifier identifier,
                                                                       boolean wildcard, Instant validUntil) {
        return authzs.values().stream()
                .filter(a -> a.accountId().equals(accountId) && a.identifier().equals(identifier)
                        && a.wildcard() == wildcard && a.status() == Status.VALID && a.expires().isAfter(validUntil))
                .max(Comparator.comparing(Authorization::expires));
    }

    @Override
    public synchronized boolean markChallengeProcessing(String challengeId, Instant now) {
        Authorization a = findAuthorizationOfChallenge(challengeId).orElse(null);
        if (a == null || a.status() != Status.PENDING) {
            return false;
        }
        Challenge c = a.challenge(challengeId).orElseThrow();
        if (c.status() != Status.PENDING) {
            return false;
        }
        replace(a, new Challenge(c.id(), c.authorizationId(), c.type(), c.token(), Status.PROCESSING, null, null,
                c.validationRecords(), now), a.status());
        return true;
    }

    @Override
    public synchronized void recordAttempt(String challengeId, List<ValidationRecord> records, ProblemDocument lastProblem) {
        Authorization a = findAuthorizationOfChallenge(challengeId).orElseThrow();
        Challenge c = a.challenge(challengeId).orElseThrow();
        if (c.status() != Status.PROCESSING) {
            return;
        }
        replace(a, new Challenge(c.id(), c.authorizationId(), c.type(), c.token(), c.status(), null, lastProblem,
                concat(c.validationRecords(), records), c.processingSince()), a.status());
    }

    @Override
    public synchronized boolean recordValidation(String challengeId, boolean valid, ProblemDocument problem,
                                                 List<ValidationRecord> records, Instant now, Instant expiresNoLaterThan) {
        Authorization a = findAuthorizationOfChallenge(challengeId).orElse(null);
        if (a == null) {
            return false;
        }
        Challenge c = a.challenge(challengeId).orElseThrow();
        if (c.status() != Status.PROCESSING) {
            return false;
        }
        Status s = valid ? Status.VALID : Status.INVALID;
        replace(a, new Challenge(c.id(), c.authorizationId(), c.type(), c.token(), s, valid ? now : null,
                valid ? null : problem, concat(c.validationRecords(), records), c.processingSince()),
                a.status() == Status.PENDING ? s : a.status());
        if (valid && expiresNoLaterThan != null && a.expires().isAfter(expiresNoLaterThan)) {
            Authorization now2 = authzs.get(a.id());
            authzs.put(a.id(), new Authorization(now2.id(), now2.accountId(), now2.identifier(), now2.wildcard(),
                    now2.status(), expiresNoLaterThan, now2.challenges()));
        }
        if (!valid) {
            for (Order o : new ArrayList<>(orders.values())) {
                if (o.status() == Status.PENDING && o.authorizationIds().contains(a.id())) {
                    orders.put(o.id(), withError(o.withStatus(Status.INVALID), problem));
                }
            }
        }
        return true;
    }

    @Override
    public synchronized boolean deactivateAuthorization(String id) {
        Authorization a = authzs.get(id);
        if (a == null || (a.status() != Status.PENDING && a.status() != Status.VALID)) {
            return false;
        }
        authzs.put(id, new Authorization(a.id(), a.accountId(), a.identifier(), a.wildcard(), Status.DEACTIVATED,
                a.expires(), a.challenges()));
        return true;
    }

    @Override
    public synchronized boolean beginProcessing(String orderId) {
        return transition(orderId, Status.PENDING, Status.PROCESSING, null, null);
    }

    @Override
    public synchronized boolean beginProcessing(String orderId, String certificateId, Instant now) {
        if (!transition(orderId, Status.PENDING, Status.PROCESSING, null, null)) {
            return false;
        }
        processing.put(orderId, Map.entry(now, certificateId == null ? "" : certificateId));
        return true;
    }

    @Override
    public synchronized List<StalledOrder> findStalledOrders(Instant startedBefore, int limit) {
        List<StalledOrder> out = new ArrayList<>();
        for (Order o : orders.values()) {
            Map.Entry<Instant, String> p = processing.get(o.id());
            if (o.status() == Status.PROCESSING && out.size() < limit && (p == null || p.getKey().isBefore(startedBefore))) {
                out.add(new StalledOrder(o.id(), p == null || p.getValue().isEmpty() ? null : p.getValue()));
            }
        }
        return out;
    }

    @Override
    public synchronized boolean releaseProcessing(String orderId) {
        processing.remove(orderId);
        return transition(orderId, Status.PROCESSING, Status.PENDING, null, null);
    }

    @Override
    public synchronized boolean leaseChallenge(String challengeId, String owner, Instant now, Instant until) {
        Challenge c = findAuthorizationOfChallenge(challengeId).flatMap(a -> a.challenge(challengeId)).orElse(null);
        if (c == null || c.status() != Status.PROCESSING) {
            return false;
        }
        Map.Entry<String, Instant> held = leases.get(challengeId);
        if (held != null && !held.getKey().equals(owner) && !held.getValue().isBefore(now)) {
            return false;
        }
        leases.put(challengeId, Map.entry(owner, until));
        return true;
    }

    @Override
    public synchronized void releaseLeases(String owner) {
        leases.values().removeIf(held -> held.getKey().equals(owner));
    }

    @Override
    public synchronized List<ProcessingChallenge> findUnleasedChallenges(Instant now, Instant unleasedBefore, int limit) {
        List<ProcessingChallenge> out = new ArrayList<>();
        for (Authorization a : authzs.values()) {
            for (Challenge c : a.challenges()) {
                Map.Entry<String, Instant> held = leases.get(c.id());
                boolean free = held == null
                        ? c.processingSince() != null && c.processingSince().isBefore(unleasedBefore)
                        : held.getValue().isBefore(now);
                if (c.status() == Status.PROCESSING && free && out.size() < limit) {
                    out.add(new ProcessingChallenge(c.id(), a.id(), a.accountId()));
                }
            }
        }
        return out;
    }

    @Override
    public synchronized boolean complete(String orderId, String certificateId) {
        processing.remove(orderId);
        return transition(orderId, Status.PROCESSING, Status.VALID, certificateId, null);
    }

    @Override
    public synchronized boolean fail(String orderId, ProblemDocument problem) {
        Order o = orders.get(orderId);
        if (o == null || (o.status() != Status.PENDING && o.status() != Status.PROCESSING)) {
            return false;
        }
        orders.put(orderId, withError(o.withStatus(Status.INVALID), problem));
        return true;
    }

    @Override
    public synchronized Page<String> listOrders(String accountId, PageRequest page) {
        List<String> ids = orders.values().stream().filter(o -> o.accountId().equals(accountId))
                .sorted(Comparator.comparing((Order o) -> orderSeq.get(o.id())).reversed())
                .map(Order::id).collect(Collectors.toList());
        int start = page.cursor().isEmpty() ? 0 : Integer.parseInt(page.cursor());
        int end = Math.min(ids.size(), start + page.limit());
        return new Page<>(ids.subList(Math.min(start, ids.size()), end), end < ids.size() ? String.valueOf(end) : "");
    }

    @Override
    public synchronized List<ProcessingChallenge> findProcessingChallenges(int limit) {
        List<ProcessingChallenge> out = new ArrayList<>();
        for (Authorization a : authzs.values()) {
            for (Challenge c : a.challenges()) {
                if (c.status() == Status.PROCESSING && out.size() < limit) {
                    out.add(new ProcessingChallenge(c.id(), a.id(), a.accountId()));
                }
            }
        }
        return out;
    }

    @Override
    public synchronized int purgeExpired(Instant before, int limit) {
        int n = 0;
        for (Order o : new ArrayList<>(orders.values())) {
            if (n < limit && o.expires().isBefore(before)) {
                orders.remove(o.id());
                orderSeq.remove(o.id());
                n++;
            }
        }
        int a = 0;
        for (Authorization az : new ArrayList<>(authzs.values())) {
            boolean used = orders.values().stream().anyMatch(o -> o.authorizationIds().contains(az.id()));
            if (a < limit && az.expires().isBefore(before) && !used) {
                authzs.remove(az.id());
                a++;
            }
        }
        return n + a;
    }

    private boolean transition(String orderId, Status from, Status to, String certId, ProblemDocument error) {
        Order o = orders.get(orderId);
        if (o == null || o.status() != from) {
            return false;
        }
        orders.put(orderId, new Order(o.id(), o.accountId(), o.provisioner(), to, o.identifiers(), o.notBefore(),
                o.notAfter(), o.expires(), o.authorizationIds(), error, certId != null ? certId : o.certificateId(),
                o.profile(), o.replaces(), o.createdAt()));
        return true;
    }

    private void replace(Authorization a, Challenge c, Status authzStatus) {
        List<Challenge> cs = a.challenges().stream().map(x -> x.id().equals(c.id()) ? c : x).collect(Collectors.toList());
        authzs.put(a.id(), new Authorization(a.id(), a.accountId(), a.identifier(), a.wildcard(), authzStatus,
                a.expires(), cs));
    }

    private static Order withError(Order o, ProblemDocument p) {
        return new Order(o.id(), o.accountId(), o.provisioner(), o.status(), o.identifiers(), o.notBefore(),
                o.notAfter(), o.expires(), o.authorizationIds(), p, o.certificateId(), o.profile(), o.replaces(),
                o.createdAt());
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
