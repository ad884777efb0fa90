package dev.stile.db.retention;

import dev.stile.db.inventory.JdbcValidationFailureLog;
import dev.stile.db.inventory.JdbcRenewalTracker;
import dev.stile.admin.inventory.RenewalTracker;
import dev.stile.admin.inventory.ValidationFailure;
import dev.stile.admin.inventory.ValidationFailureLog;
import dev.stile.acme.jws.JwsVerifier;
import dev.stile.acme.model.ChallengeType;
import dev.stile.acme.model.Identifier;
import dev.stile.acme.nonce.NonceService;
import dev.stile.acme.port.CertificateIssuer;
import dev.stile.acme.problem.AcmeProblem;
import dev.stile.acme.service.AccountService;
import dev.stile.acme.service.AcmeLinks;
import dev.stile.acme.service.AcmeProvisionerSettings;
import dev.stile.acme.service.AuthorizationService;
import dev.stile.acme.service.CertificateService;
import dev.stile.acme.service.ChallengeService;
import dev.stile.acme.service.FinalizeService;
import dev.stile.acme.service.OrderService;
import dev.stile.acme.service.ValidationRunner;
import dev.stile.acme.testing.FakeRevocation;
import dev.stile.acme.testing.TestIssuer;
import dev.stile.acme.validation.ChallengeValidator;
import dev.stile.acme.validation.ValidationOutcome;
import dev.stile.acme.validation.ValidationTarget;
import dev.stile.authority.inventory.CertificateRecord;
import dev.stile.db.Database;
import dev.stile.db.acme.JdbcAccountStore;
import dev.stile.db.acme.JdbcAcmeCertificateStore;
import dev.stile.db.acme.JdbcEabKeyStore;
import dev.stile.db.acme.JdbcNonceStore;
import dev.stile.db.acme.JdbcOrderStore;
import dev.stile.db.certificates.JdbcCertificateStore;
import dev.stile.db.tokens.JdbcTokenStore;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ACME server's services wired over the JDBC stores of one database, the way the composition
 * root wires them, minus HTTP: every request a test client makes is a real JWS through the real
 * verifier and nonce store, challenges are validated by the real {@link ValidationRunner}, and
 * finalize stores the certificate in both the ACME certificate store and the certificate
 * inventory (with its renewal-watch row), as {@code Authority} plus {@code ObservedCertificateStore}
 * do. Only the network part of validation is replaced: a challenge is valid when its key
 * authorization was {@link #publish published}, otherwise invalid, and failures are logged to
 * {@code validation_failures} as the server's {@code ValidationObserver} does.
 */
final class SimulatedAcmeServer implements AutoCloseable {

    static final String BASE = "https://ca.test";

    final AcmeLinks links = new AcmeLinks(BASE, "acme");
    final AcmeProvisionerSettings settings = AcmeProvisionerSettings.defaults("acme");
    final JdbcOrderStore orderStore;
    final NonceService nonces;
    final JwsVerifier verifier;
    final AccountService accounts;
    final OrderService orders;
    final AuthorizationService authorizations;
    final ChallengeService challenges;
    final FinalizeService finalizer;
    final CertificateService certificates;
    final JdbcTokenStore tokens;
    private final ValidationRunner runner;
    private final Set<String> published = ConcurrentHashMap.newKeySet();

    SimulatedAcmeServer(Database db, Clock clock) {
        JdbcAccountStore accountStore = new JdbcAccountStore(db);
        JdbcAcmeCertificateStore acmeCertificates = new JdbcAcmeCertificateStore(db);
        ValidationFailureLog failures = new JdbcValidationFailureLog(db);
        orderStore = new JdbcOrderStore(db);
        nonces = new NonceService(new JdbcNonceStore(db), clock);
        verifier = new JwsVerifier(nonces, accountStore);
        tokens = new JdbcTokenStore(db, clock);
        runner = new ValidationRunner(orderStore, accountStore, Map.of(
                ChallengeType.HTTP_01, new PublishedKeyAuthorizations(ChallengeType.HTTP_01, published, failures, clock),
                ChallengeType.DNS_01, new PublishedKeyAuthorizations(ChallengeType.DNS_01, published, failures, clock)),
                AcmeLinks.accountUrls(BASE), clock, ValidationRunner.Settings.defaults());
        accounts = new AccountService(accountStore, orderStore, new JdbcEabKeyStore(db, new dev.stile.db.secrets.EabKeysAtRest(
                dev.stile.db.secrets.AtRestCipher.derivedFrom(new byte[32], "test"))), clock);
        orders = new OrderService(orderStore, acmeCertificates, clock);
        authorizations = new AuthorizationService(orderStore, clock);
        challenges = new ChallengeService(orderStore, runner, clock);
        finalizer = new FinalizeService(orderStore, acmeCertificates,
                new InventoryRecordingIssuer(new TestIssuer(clock), new JdbcCertificateStore(db), new JdbcRenewalTracker(db)),
                null, AcmeLinks.accountUrls(BASE), clock);
        certificates = new CertificateService(acmeCertificates, orderStore, new FakeRevocation(clock),
                AcmeLinks.accountUrls(BASE), clock);
    }

    /** The client has put this key authorization where the validator looks (HTTP file or TXT record). */
    void publish(String keyAuthorization) {
        published.add(keyAuthorization);
    }

    /** The client cleaned up after validation (cert-manager deletes its solver record). */
    void unpublish(String keyAuthorization) {
        published.remove(keyAuthorization);
    }

    @Override
    public void close() {
        runner.close();
    }

    /** Valid when the key authorization is published; otherwise invalid, logged like the server does. */
    private static final class PublishedKeyAuthorizations implements ChallengeValidator {
        private final ChallengeType type;
        private final Set<String> published;
        private final ValidationFailureLog failures;
        private final Clock clock;

        PublishedKeyAuthorizations(ChallengeType type, Set<String> published, ValidationFailureLog failures, Clock clock) {
            this.type = type;
            this.published = published;
            this.failures = failures;
            this.clock = clock;
        }

        @Override
        public ChallengeType type() {
            return type;
        }

        @Override
        public ValidationOutcome validate(ValidationTarget target) {
            if (published.contains(target.keyAuthorization())) {
                return ValidationOutcome.valid(List.of());
            }
            ValidationOutcome invalid = ValidationOutcome.invalid(AcmeProblem.INCORRECT_RESPONSE.withDetail(
                    type.token() + " found no key authorization for " + target.identifier().value()), List.of());
            failures.append(new ValidationFailure(0, clock.instant(), type.token(), target.identifier().value(),
                    "unauthorized", true, "{\"type\":\"urn:ietf:params:acme:error:incorrectResponse\"}"));
            return invalid;
        }
    }

    /** Signs with the test CA, then stores the inventory record and renewal-watch row before answering. */
    private static final class InventoryRecordingIssuer implements CertificateIssuer {
        private final CertificateIssuer signer;
        private final JdbcCertificateStore inventory;
        private final RenewalTracker tracker;

        InventoryRecordingIssuer(CertificateIssuer signer, JdbcCertificateStore inventory, RenewalTracker tracker) {
            this.signer = signer;
            this.inventory = inventory;
            this.tracker = tracker;
        }

        @Override
        public IssuedCertificate issue(IssueRequest request) {
            IssuedCertificate issued = signer.issue(request);
            List<String> names = new ArrayList<>();
            List<String> sans = new ArrayList<>();
            for (Identifier id : request.identifiers()) {
                names.add(id.value());
                sans.add(id.type() + ":" + id.value());
            }
            String serial = issued.leaf().getSerialNumber().toString(16);
            CertificateRecord record = new CertificateRecord(serial, issued.leaf().getSubjectX500Principal().getName(),
                    sans, issued.leaf().getNotBefore().toInstant(), issued.leaf().getNotAfter().toInstant(),
                    request.provisioner(), "ACME", request.requester(), "EC-P256", issued.chainPem(),
                    issued.leaf().getNotBefore().toInstant());
            inventory.save(record);
            tracker.record(serial, names, record.notAfter(), record.issuedAt());
            return issued;
        }
    }
}
