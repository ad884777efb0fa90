package dev.stile.acme.store.contract;

import dev.stile.acme.model.Account;
import dev.stile.acme.model.Authorization;
import dev.stile.acme.model.Challenge;
import dev.stile.acme.model.ChallengeType;
import dev.stile.acme.model.Identifier;
import dev.stile.acme.model.Order;
import dev.stile.acme.model.Status;
import dev.stile.acme.problem.AcmeProblem;
import dev.stile.acme.problem.ProblemDocument;
import dev.stile.acme.store.AccountStore;
import dev.stile.acme.store.AcmeCertificate;
import dev.stile.acme.store.AcmeCertificateStore;
import dev.stile.acme.store.EabKey;
import dev.stile.acme.store.EabKeyStore;
import dev.stile.acme.store.NonceStore;
import dev.stile.acme.store.OrderStore;
import dev.stile.acme.validation.ValidationRecord;
import dev.stile.core.Page;
import dev.stile.core.PageRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The behaviour every implementation of the ACME storage ports must have: the HashMap fakes in
 * this module and the JDBC stores in {@code db} (H2 and PostgreSQL) run the same tests.
 */
public abstract class AcmeStoreContract {

    /** One set of stores over an empty database. */
    public record Stores(AccountStore accounts, OrderStore orders, NonceStore nonces, EabKeyStore eabKeys,
                         AcmeCertificateStore certificates) {
    }

    protected static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    protected Stores s;

    protected abstract Stores newStores();

    @BeforeEach
    void open() {
        s = newStores();
    }

    static String id() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 22);
    }

    protected Account account(String provisioner, String thumbprint) {
        return s.accounts().create(new Account(id(), provisioner, thumbprint, "{\"kty\":\"EC\"}",
                List.of("mailto:a@example.com"), Status.VALID, null, NOW));
    }

    protected Authorization authz(String accountId, String name, boolean wildcard, Instant expires) {
        String aid = id();
        return new Authorization(aid, accountId, Identifier.dns(name), wildcard, Status.PENDING, expires, List.of(
                Challenge.pending(id(), aid, ChallengeType.HTTP_01, id()),
                Challenge.pending(id(), aid, ChallengeType.DNS_01, id())));
    }

    protected Order order(String accountId, List<Authorization> authzs) {
        return new Order(id(), accountId, "acme", Status.PENDING,
                authzs.stream().map(Authorization::orderIdentifier).toList(), null, NOW.plus(Duration.ofHours(24)),
                NOW.plus(Duration.ofHours(24)), authzs.stream().map(Authorization::id).toList(), null, null, "default",
                null, NOW);
    }

    static ValidationRecord record(String outcome) {
        return new ValidationRecord(NOW, "www.example.com", 80, "http://www.example.com/.well-known/acme-challenge/x",
                List.of("192.0.2.1"), "192.0.2.1", null, null, outcome);
    }

    @Test
    void accountsByIdAndKeyAreUniquePerProvisioner() {
        Account a = account("acme", "thumb-1");
        Account again = s.accounts().create(new Account(id(), "acme", "thumb-1", "{}", List.of(), Status.VALID, null, NOW));
        assertThat(again.id()).isEqualTo(a.id());
        Account other = account("other", "thumb-1");
        assertThat(other.id()).isNotEqualTo(a.id());
        Account read = s.accounts().findById(a.id()).orElseThrow();
        assertThat(read).isEqualTo(a);
        assertThat(s.accounts().findByThumbprint("acme", "thumb-1")).contains(a);
        assertThat(s.accounts().findByThumbprint("acme", "nope")).isEmpty();
    }

    @Test
    void accountTransitionsAreGuarded() {
        Account a = account("acme", "t1");
        Account b = account("acme", "t2");
        assertThat(s.accounts().updateContacts(a.id(), List.of("mailto:x@example.com"))).isTrue();
        assertThat(s.accounts().findById(a.id()).orElseThrow().contacts()).containsExactly("mailto:x@example.com");
        assertThat(s.accounts().changeKey(a.id(), "t1", "t2", "{}")).as("key of another account").isFalse();
        assertThat(s.accounts().changeKey(a.id(), "wrong-old", "t3", "{}")).isFalse();
        assertThat(s.accounts().changeKey(a.id(), "t1", "t3", "{\"new\":1}")).isTrue();
        assertThat(s.accounts().findByThumbprint("acme", "t3")).get().extracting(Account::id).isEqualTo(a.id());
        assertThat(s.accounts().deactivate(a.id())).isTrue();
        assertThat(s.accounts().deactivate(a.id())).isFalse();
        assertThat(s.accounts().updateContacts(a.id(), List.of())).isFalse();
        assertThat(s.accounts().findById(b.id()).orElseThrow().status()).isEqualTo(Status.VALID);
    }

    @Test
    void usedNoncesAreRecordedOnceAndPurgedAfterExpiry() {
        assertThat(s.nonces().markUsed("n1", NOW.plusSeconds(3600))).isTrue();
        assertThat(s.nonces().markUsed("n1", NOW.plusSeconds(3600))).as("a replay").isFalse();
        assertThat(s.nonces().markUsed("n2", NOW.plusSeconds(10))).isTrue();
        assertThat(s.nonces().markUsed("n3", NOW.plusSeconds(10))).isTrue();
        assertThat(s.nonces().purgeExpired(NOW.plusSeconds(20), 1)).as("bounded batch").isEqualTo(1);
        assertThat(s.nonces().purgeExpired(NOW.plusSeconds(20), 100)).as("n2 and n3 expired").isEqualTo(1);
        assertThat(s.nonces().purgeExpired(NOW.plusSeconds(20), 100)).isZero();
        assertThat(s.nonces().markUsed("n1", NOW.plusSeconds(3600))).as("n1 was kept").isFalse();
    }

    @Test
    void theNonceKeyIsTheFirstOneStored() {
        byte[] first = new byte[32];
        first[0] = 1;
        byte[] second = new byte[32];
        second[0] = 2;
        assertThat(s.nonces().sharedKey(first)).isEqualTo(first);
        assertThat(s.nonces().sharedKey(second)).as("another replica gets the stored key").isEqualTo(first);
    }

    @Test
    void eabKeysBindOnce() {
        s.eabKeys().save(new EabKey("k1", "acme", new byte[]{1, 2, 3}, null, NOW));
        assertThat(s.eabKeys().find("k1").orElseThrow().hmacKey()).containsExactly(1, 2, 3);
        assertThat(s.eabKeys().bind("k1", "acc-1", NOW)).isTrue();
        assertThat(s.eabKeys().bind("k1", "acc-2", NOW)).isFalse();
        assertThat(s.eabKeys().find("k1").orElseThrow().boundAccountId()).isEqualTo("acc-1");
        assertThat(s.eabKeys().find("nope")).isEmpty();
    }

    @Test
    void certificatesAreFoundByIdSerialAndAriIdAndReplacedOnce() {
        AcmeCertificate c = new AcmeCertificate(id(), "acc", "acme", "1f2e", List.of(Identifier.dns("a.example.com"),
                Identifier.ip("192.0.2.1")), "PEM", NOW, NOW.plus(Duration.ofHours(24)), "AKI.SER", false);
        s.certificates().save(c);
        assertThat(s.certificates().find(c.id())).contains(c);
        assertThat(s.certificates().findBySerial("1f2e")).contains(c);
        assertThat(s.certificates().findByAriCertId("AKI.SER")).contains(c);
        assertThat(s.certificates().markReplaced(c.id())).isTrue();
        assertThat(s.certificates().markReplaced(c.id())).isFalse();
        assertThat(s.certificates().find(c.id()).orElseThrow().replaced()).isTrue();
    }

    @Test
    void orderAggregateRoundTrips() {
        Account a = account("acme", "t");
        Authorization az1 = authz(a.id(), "www.example.com", false, NOW.plus(Duration.ofHours(24)));
        Authorization az2 = authz(a.id(), "example.com", true, NOW.plus(Duration.ofHours(24)));
        Order o = order(a.id(), List.of(az1, az2));
        s.orders().createWithAuthorizations(o, List.of(az1, az2));
        Order read = s.orders().findOrder(o.id()).orElseThrow();
        assertThat(read).isEqualTo(o);
        assertThat(read.identifiers()).containsExactly(Identifier.dns("www.example.com"), Identifier.dns("*.example.com"));
        assertThat(s.orders().findAuthorizations(o.authorizationIds())).containsExactly(az1, az2);
        Challenge ch = az1.challenges().get(1);
        assertThat(s.orders().findAuthorizationOfChallenge(ch.id())).contains(az1);
        assertThat(s.orders().findOrder("nope")).isEmpty();
    }

    @Test
    void validationTransitionsAreGuardedAndAtomic() {
        Account a = account("acme", "t");
        Authorization az = authz(a.id(), "www.example.com", false, NOW.plus(Duration.ofHours(24)));
        Order o = order(a.id(), List.of(az));
        s.orders().createWithAuthorizations(o, List.of(az));
        String ch = az.challenges().get(0).id();
        assertThat(s.orders().recordValidation(ch, true, null, List.of(), NOW)).as("not processing yet").isFalse();
        assertThat(s.orders().markChallengeProcessing(ch, NOW)).isTrue();
        assertThat(s.orders().markChallengeProcessing(ch, NOW)).isFalse();
        assertThat(s.orders().findProcessingChallenges(10)).extracting(OrderStore.ProcessingChallenge::challengeId).containsExactly(ch);
        ProblemDocument refused = AcmeProblem.CONNECTION.withDetail("connection refused by 192.0.2.1:80").about(Identifier.dns("www.example.com"));
        s.orders().recordAttempt(ch, List.of(record("refused")), refused);
        Challenge mid = s.orders().findAuthorization(az.id()).orElseThrow().challenge(ch).orElseThrow();
        assertThat(mid.status()).isEqualTo(Status.PROCESSING);
        assertThat(mid.processingSince()).isEqualTo(NOW);
        assertThat(mid.error()).isEqualTo(refused);
        assertThat(s.orders().recordValidation(ch, false, refused, List.of(record("refused again")), NOW.plusSeconds(90))).isTrue();
        assertThat(s.orders().recordValidation(ch, true, null, List.of(), NOW)).isFalse();
        Authorization after = s.orders().findAuthorization(az.id()).orElseThrow();
        Challenge done = after.challenge(ch).orElseThrow();
        assertThat(done.status()).isEqualTo(Status.INVALID);
        assertThat(done.validationRecords()).extracting(ValidationRecord::outcome).containsExactly("refused", "refused again");
        assertThat(done.validationRecords().get(0)).isEqualTo(record("refused"));
        assertThat(done.error()).isEqualTo(refused);
        assertThat(after.status()).isEqualTo(Status.INVALID);
        Order failed = s.orders().findOrder(o.id()).orElseThrow();
        assertThat(failed.status()).isEqualTo(Status.INVALID);
        assertThat(failed.error()).isEqualTo(refused);
        assertThat(s.orders().findProcessingChallenges(10)).isEmpty();
        assertThat(s.orders().markChallengeProcessing(az.challenges().get(1).id(), NOW)).as("authz no longer pending").isFalse();
    }

    @Test
    void validAuthorizationsAreFoundForReuse() {
        Account a = account("acme", "t");
        Authorization az = authz(a.id(), "www.example.com", false, NOW.plus(Duration.ofHours(24)));
        s.orders().createAuthorization(az);
        assertThat(s.orders().findValidAuthorization(a.id(), Identifier.dns("www.example.com"), false, NOW)).isEmpty();
        String ch = az.challenges().get(0).id();
        s.orders().markChallengeProcessing(ch, NOW);
        s.orders().recordValidation(ch, true, null, List.of(record("HTTP 200")), NOW);
        Authorization valid = s.orders().findValidAuthorization(a.id(), Identifier.dns("www.example.com"), false, NOW).orElseThrow();
        assertThat(valid.status()).isEqualTo(Status.VALID);
        assertThat(valid.challenge(ch).orElseThrow().validated()).isEqualTo(NOW);
        assertThat(s.orders().findValidAuthorization(a.id(), Identifier.dns("www.example.com"), true, NOW)).isEmpty();
        assertThat(s.orders().findValidAuthorization("other", Identifier.dns("www.example.com"), false, NOW)).isEmpty();
        assertThat(s.orders().findValidAuthorization(a.id(), Identifier.dns("www.example.com"), false, NOW.plus(Duration.ofHours(24)))).isEmpty();
        assertThat(s.orders().deactivateAuthorization(az.id())).isTrue();
        assertThat(s.orders().deactivateAuthorization(az.id())).isFalse();
        assertThat(s.orders().findValidAuthorization(a.id(), Identifier.dns("www.example.com"), false, NOW)).isEmpty();
    }

    @Test
    void aValidationMayBringTheAuthorizationsExpiryForwardButNeverLater() {
        Account a = account("acme", "t");
        Authorization az = authz(a.id(), "p.example.com", false, NOW.plus(Duration.ofHours(24)));
        s.orders().createAuthorization(az);
        String ch = az.challenges().get(0).id();
        s.orders().markChallengeProcessing(ch, NOW);
        assertThat(s.orders().recordValidation(ch, true, null, List.of(), NOW, NOW.plus(Duration.ofHours(2)))).isTrue();
        assertThat(s.orders().findAuthorization(az.id()).orElseThrow().expires()).isEqualTo(NOW.plus(Duration.ofHours(2)));
        assertThat(s.orders().findValidAuthorization(a.id(), Identifier.dns("p.example.com"), false,
                NOW.plus(Duration.ofHours(3)))).as("persistUntil has passed").isEmpty();

        Authorization later = authz(a.id(), "q.example.com", false, NOW.plus(Duration.ofHours(24)));
        s.orders().createAuthorization(later);
        String ch2 = later.challenges().get(0).id();
        s.orders().markChallengeProcessing(ch2, NOW);
        s.orders().recordValidation(ch2, true, null, List.of(), NOW, NOW.plus(Duration.ofDays(30)));
        assertThat(s.orders().findAuthorization(later.id()).orElseThrow().expires()).isEqualTo(NOW.plus(Duration.ofHours(24)));
    }

    @Test
    void orderFinalizationTransitionsAreGuarded() throws Exception {
        Account a = account("acme", "t");
        Authorization az = authz(a.id(), "www.example.com", false, NOW.plus(Duration.ofHours(24)));
        Order o = order(a.id(), List.of(az));
        s.orders().createWithAuthorizations(o, List.of(az));
        assertThat(s.orders().complete(o.id(), "cert")).isFalse();
        // A double finalize from two threads: exactly one wins.
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<Boolean> begin = () -> s.orders().beginProcessing(o.id());
            List<Future<Boolean>> results = pool.invokeAll(List.of(begin, begin));
            long winners = results.stream().filter(f -> {
                try {
                    return f.get();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).count();
            assertThat(winners).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(s.orders().complete(o.id(), "cert-1")).isTrue();
        assertThat(s.orders().fail(o.id(), AcmeProblem.SERVER_INTERNAL.withDetail("x"))).isFalse();
        Order done = s.orders().findOrder(o.id()).orElseThrow();
        assertThat(done.status()).isEqualTo(Status.VALID);
        assertThat(done.certificateId()).isEqualTo("cert-1");

        Order o2 = order(a.id(), List.of(az));
        s.orders().createWithAuthorizations(o2, List.of());
        ProblemDocument p = AcmeProblem.CAA.withDetail("CAA forbids").withSubproblems(
                List.of(AcmeProblem.CAA.withDetail("sub").about(Identifier.dns("www.example.com"))));
        assertThat(s.orders().fail(o2.id(), p)).isTrue();
        assertThat(s.orders().findOrder(o2.id()).orElseThrow().error()).isEqualTo(p);
    }

    @Test
    void ordersAreListedNewestFirstPageByPage() {
        Account a = account("acme", "t");
        Account b = account("acme", "u");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            Authorization az = authz(a.id(), "n" + i + ".example.com", false, NOW.plus(Duration.ofHours(1)));
            Order o = order(a.id(), List.of(az));
            s.orders().createWithAuthorizations(o, List.of(az));
            ids.add(0, o.id());
        }
        Authorization bz = authz(b.id(), "b.example.com", false, NOW.plus(Duration.ofHours(1)));
        s.orders().createWithAuthorizations(order(b.id(), List.of(bz)), List.of(bz));
        List<String> seen = new ArrayList<>();
        String cursor = "";
        int pages = 0;
        do {
            Page<String> p = s.orders().listOrders(a.id(), new PageRequest(cursor, 3));
            seen.addAll(p.items());
            cursor = p.nextCursor();
            pages++;
        } while (!cursor.isEmpty() && pages < 10);
        assertThat(seen).containsExactlyElementsOf(ids);
        assertThat(pages).isEqualTo(3);
        assertThat(s.orders().listOrders("nobody", PageRequest.first(5)).items()).isEmpty();
    }

    @Test
    void retentionDeletesExpiredOrdersUnusedAuthorizationsAndOldCertificates() {
        Account a = account("acme", "t");
        Authorization shared = authz(a.id(), "shared.example.com", false, NOW.plus(Duration.ofHours(1)));
        Authorization lone = authz(a.id(), "lone.example.com", false, NOW.plus(Duration.ofHours(1)));
        Order old = order(a.id(), List.of(shared));
        s.orders().createWithAuthorizations(old, List.of(shared));
        s.orders().createAuthorization(lone);
        Order fresh = new Order(id(), a.id(), "acme", Status.PENDING, List.of(Identifier.dns("shared.example.com")), null,
                null, NOW.plus(Duration.ofDays(3)), List.of(shared.id()), null, null, null, null, NOW);
        s.orders().createWithAuthorizations(fresh, List.of());
        // old expires at +24 h, both authorizations at +1 h; fresh (+3 d) still uses "shared"
        assertThat(s.orders().purgeExpired(NOW.plus(Duration.ofDays(2)), 100)).isEqualTo(2);
        assertThat(s.orders().findOrder(old.id())).isEmpty();
        assertThat(s.orders().findAuthorization(lone.id())).isEmpty();
        assertThat(s.orders().findOrder(fresh.id())).isPresent();
        assertThat(s.orders().findAuthorization(shared.id())).isPresent();
        assertThat(s.orders().listOrders(a.id(), PageRequest.first(10)).items()).containsExactly(fresh.id());

        s.certificates().save(new AcmeCertificate(id(), "acc", "acme", "01", List.of(Identifier.dns("a.example.com")),
                "PEM", NOW, NOW.plus(Duration.ofHours(24)), "A.01", false));
        s.certificates().save(new AcmeCertificate(id(), "acc", "acme", "02", List.of(Identifier.dns("a.example.com")),
                "PEM", NOW, NOW.plus(Duration.ofDays(30)), "A.02", false));
        assertThat(s.certificates().purgeExpired(NOW.plus(Duration.ofDays(2)), 100)).isEqualTo(1);
        assertThat(s.certificates().findBySerial("01")).isEmpty();
        assertThat(s.certificates().findBySerial("02")).isPresent();
    }

    @Test
    void timestampsSurviveWithTheirPrecision() {
        Account a = account("acme", "t");
        Instant odd = NOW.plus(123, ChronoUnit.MILLIS);
        Authorization az = authz(a.id(), "x.example.com", false, odd);
        s.orders().createAuthorization(az);
        assertThat(s.orders().findAuthorization(az.id()).orElseThrow().expires()).isEqualTo(odd);
    }
}
