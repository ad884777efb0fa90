package dev.stile.server.acme;

import dev.stile.acme.port.AcmeEvents;
import dev.stile.acme.jws.JwsVerifier;
import dev.stile.acme.nonce.NonceService;
import dev.stile.acme.port.CaaChecker;
import dev.stile.acme.port.RevocationPort;
import dev.stile.acme.service.AccountService;
import dev.stile.acme.service.AcmeLinks;
import dev.stile.acme.service.AcmeUrls;
import dev.stile.acme.service.AuthorizationService;
import dev.stile.acme.service.CertificateService;
import dev.stile.acme.service.ChallengeService;
import dev.stile.acme.service.FinalizeService;
import dev.stile.acme.service.OrderReconciler;
import dev.stile.acme.service.OrderService;
import dev.stile.acme.service.RenewalInfoService;
import dev.stile.acme.service.ValidationRunner;
import dev.stile.acme.validation.ValidationSettings;
import dev.stile.db.Database;
import dev.stile.provisioners.ProvisionerRegistry;
import dev.stile.server.StartupException;
import dev.stile.authority.Authority;
import dev.stile.server.config.CaConfig;
import dev.stile.server.http.RouteModule;
import dev.stile.server.http.acme.AcmeApi;
import dev.stile.server.http.acme.AcmeRoutes;
import dev.stile.server.http.acme.KnownHosts;
import dev.stile.server.http.acme.RequestTransactions;
import dev.stile.server.limits.AcmeRateLimits;
import dev.stile.server.limits.FailureCountingValidator;
import dev.stile.server.limits.RateLimitConfig;
import dev.stile.db.limits.PendingAuthorizations;
import dev.stile.db.limits.RateBuckets;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The ACME server's object graph, built in one place so {@code App} needs three lines: create it,
 * add {@link #routes()}, call {@link #started(int)} once the port is bound and {@link #close()} on
 * stop. Stores are JDBC ({@link AcmeStores#jdbc}); validators come from ca.json's
 * {@code validation} block (with {@code --resolver} already applied to {@link CaConfig#validation()}).
 */
public final class AcmeWiring implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AcmeWiring.class);
    /** How often expired nonces are deleted. */
    static final Duration NONCE_PURGE_INTERVAL = Duration.ofMinutes(10);
    /** How often orders left processing and validations left by a dead replica are looked for. */
    static final Duration RECOVERY_INTERVAL = Duration.ofSeconds(2);

    private final AcmeStores stores;
    private final ProvisionerValidators validators;
    private final ValidationRunner runner;
    private final AcmeRoutes routes;
    private final NonceService nonces;
    private final ScheduledExecutorService chores;
    /** What {@link #started} scheduled on the shared {@code chores}; cancelled by {@link #close}. */
    private final List<ScheduledFuture<?>> scheduled = new CopyOnWriteArrayList<>();
    private volatile boolean closed;
    private final OrderReconciler reconciler;
    private volatile boolean reconcileFailing;
    private final AcmeRateLimits limits;
    private final String configuredHost;
    private volatile int port;

    private AcmeWiring(CaConfig config, Database database, AcmeStores stores, Authority authority,
                       RevocationPort revocations, Supplier<ProvisionerRegistry> registry, Clock clock,
                       AcmeEvents events, ScheduledExecutorService chores) {
        this.stores = stores;
        this.chores = chores;
        events = new SafeEvents(events);
        this.limits = new AcmeRateLimits(rateLimitConfig(config), new RateBuckets(database, clock),
                new PendingAuthorizations(database, clock), events);
        this.configuredHost = hostForUrl(config.dnsNames().isEmpty() ? "localhost" : config.dnsNames().get(0));
        this.port = config.address().port();
        ValidationSettings validation = validationSettings(config);
        // Egress: the global allow/deny lists plus each provisioner's own (ProvisionerEgressPolicies).
        ProvisionerEgressPolicies egress = new ProvisionerEgressPolicies(registry, validation.egress());
        try {
            egress.check();
        } catch (IllegalArgumentException e) {
            throw new StartupException(config.file() + ": " + e.getMessage(), e);
        }
        this.validators = ProvisionerValidators.create(config.validation() == null ? null : config.validation().raw(),
                validation, registry, clock, events, egress, limits);
        try {
            validators.checkAll();
        } catch (IllegalArgumentException e) {
            validators.close();
            throw new StartupException(config.file() + ": " + e.getMessage(), e);
        }
        // Account URLs the services hand to validators (CAA accounturi) and the inventory (requester).
        List<String> hosts = new ArrayList<>();
        config.dnsNames().forEach(n -> hosts.add(hostForUrl(n)));
        AcmeUrls urls = new AcmeUrls() {
            @Override
            public String accountUrl(String prov, String id) {
                return new AcmeLinks(base(), prov).account(id);
            }

            @Override
            public List<String> accountUrls(String prov, String id) {
                // Links follow the Host the client used: one account URL per DNS name of the CA.
                List<String> all = new ArrayList<>(List.of(accountUrl(prov, id)));
                for (String h : hosts) {
                    String u = new AcmeLinks("https://" + h + (port == 443 ? "" : ":" + port), prov).account(id);
                    if (!all.contains(u)) {
                        all.add(u);
                    }
                }
                return all;
            }
        };
        // H2: this process is the only server on the file (it holds the lock), so used nonces are
        // remembered in memory under a key of this process; PostgreSQL: replicas share key and record.
        this.nonces = database.kind() == Database.Kind.H2
                ? NonceService.singleProcess(stores.nonces(), clock)
                : new NonceService(stores.nonces(), clock);
        ValidationRunner.Settings runnerSettings = ValidationRunner.Settings.defaults();
        runnerSettings = new ValidationRunner.Settings(runnerSettings.workers(), runnerSettings.queueCapacity(),
                runnerSettings.attemptTimeout(), validation.retryWindow(), runnerSettings.initialBackoff(),
                runnerSettings.maxBackoff());
        // Validators and retry window per provisioner (its own validation block, else the global one).
        this.runner = new ValidationRunner(stores.orders(), stores.accounts(), validators, urls, clock, runnerSettings);
        this.reconciler = new OrderReconciler(stores.orders(), stores.certificates(), clock,
                OrderReconciler.DEFAULT_DEADLINE);
        CaaChecker caa = validators.global().caa().map(v -> (CaaChecker) v::check).orElse(null);
        RevocationPort revocation = new ReportingRevocation(revocations, events);
        AuthorityCertificateIssuer issuer = new AuthorityCertificateIssuer(authority, config.authority().backdate(),
                clock, events, registry);
        AcmeApi api = new AcmeApi(
                new RegistryAcmeProvisioners(registry),
                nonces,
                new JwsVerifier(nonces, stores.accounts()),
                new AccountService(stores.accounts(), stores.orders(), stores.eabKeys(), clock),
                new OrderService(stores.orders(), stores.certificates(), clock, new RegistryIdentifierPolicy(registry)),
                new AuthorizationService(stores.orders(), clock),
                new ChallengeService(stores.orders(), runner, clock),
                new FinalizeService(stores.orders(), stores.certificates(), issuer, caa, urls, clock),
                new CertificateService(stores.certificates(), stores.orders(), revocation, urls, clock),
                new RenewalInfoService(stores.certificates(), revocation, clock));
        // One transaction per request: one commit instead of one per statement (and per nonce on
        // PostgreSQL). A refusal keeps what led to it; anything unexpected rolls the request back.
        RequestTransactions transactions = request -> database.inOneTransaction(() -> {
            request.run();
            return null;
        }, e -> e instanceof dev.stile.acme.problem.AcmeException);
        this.routes = new AcmeRoutes(api, this::base, events, KnownHosts.of(config.dnsNames()), limits, transactions);
    }

    /**
     * Builds the ACME server on the CA's database.
     *
     * @param revocations the CA's one revocation path (inventory, renewal refusal, CRL), shared with step's /revoke
     * @param registry  the provisioners; asked on every request, so reloads apply
     * @param events    listener for issuance and revocation ({@link AcmeEvents#NONE} for none)
     * @param eabAtRest encrypts and decrypts the stored EAB HMAC keys
     * @param chores    the server's one scheduler (order reconciliation, nonce and bucket purges)
     * @throws StartupException when the {@code validation} block is invalid
     */
    public static AcmeWiring create(CaConfig config, Database database, Authority authority,
                                    RevocationPort revocations, Supplier<ProvisionerRegistry> registry, Clock clock,
                                    AcmeEvents events, dev.stile.db.secrets.EabKeysAtRest eabAtRest,
                                    ScheduledExecutorService chores) {
        return new AcmeWiring(config, database, AcmeStores.jdbc(database, eabAtRest), authority, revocations, registry,
                clock,
                events, chores);
    }

    /** The HTTP routes (add to the server's route modules). */
    public RouteModule routes() {
        return routes;
    }

    /**
     * Call once the HTTPS port is bound: fixes the port in account URLs and resumes validations a
     * stop interrupted (their challenges are still {@code processing} in the database).
     */
    public void started(int boundPort) {
        this.port = boundPort;
        runner.resumeProcessing();
        scheduled.add(chores.scheduleWithFixedDelay(runner.takeOverChore(RECOVERY_INTERVAL),
                RECOVERY_INTERVAL.toMillis(), RECOVERY_INTERVAL.toMillis(), TimeUnit.MILLISECONDS));
        scheduled.add(chores.scheduleWithFixedDelay(this::reconcileOrders, 0, RECOVERY_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS));
        scheduled.add(chores.scheduleWithFixedDelay(this::purgeNonces, NONCE_PURGE_INTERVAL.toSeconds(),
                NONCE_PURGE_INTERVAL.toSeconds(), TimeUnit.SECONDS));
        scheduled.add(chores.scheduleWithFixedDelay(this::purgeRateLimitBuckets, NONCE_PURGE_INTERVAL.toSeconds(),
                NONCE_PURGE_INTERVAL.toSeconds(), TimeUnit.SECONDS));
    }

    /** Rate limit buckets that are full again decide nothing and are deleted in batches. */
    private void purgeRateLimitBuckets() {
        try {
            int deleted;
            do {
                deleted = limits.purgeExpired(1000);
            } while (deleted > 0 && !closed);
        } catch (RuntimeException e) {
            LOG.warn("purging full rate limit buckets failed; retrying in {}: {}", NONCE_PURGE_INTERVAL, e.getMessage());
        }
    }

    /** Orders an interrupted finalize left processing become valid or ready again (see {@link OrderReconciler}). */
    private void reconcileOrders() {
        try {
            reconciler.reconcile();
            if (reconcileFailing) {
                reconcileFailing = false;
                LOG.info("reconciling orders left processing works again");
            }
        } catch (RuntimeException e) {
            // Once per failure streak: during a database outage this would repeat every 2 s.
            if (!reconcileFailing) {
                reconcileFailing = true;
                LOG.warn("reconciling orders left processing failed; retrying every {} s: {}",
                        RECOVERY_INTERVAL.toSeconds(), e.getMessage());
            }
        }
    }

    /** Expired nonces are deleted in batches, so the nonce table stays at about one hour of traffic. */
    private void purgeNonces() {
        try {
            int deleted;
            do {
                deleted = nonces.purgeExpired();
            } while (deleted > 0 && !closed);
        } catch (RuntimeException e) {
            LOG.warn("purging expired ACME nonces failed; retrying in {}: {}", NONCE_PURGE_INTERVAL, e.getMessage());
        }
    }

    /** The stores, e.g. for the admin API's EAB keys. */
    public AcmeStores stores() {
        return stores;
    }

    /** {@code https://<dnsNames[0]>[:port]}: the base of URLs the services need outside a request. */
    public String base() {
        return "https://" + configuredHost + (port == 443 ? "" : ":" + port);
    }

    /**
     * Stops validating: running attempts are interrupted, their challenges stay {@code processing}
     * and are resumed by the next {@link #started(int)}.
     */
    @Override
    public void close() {
        closed = true;
        scheduled.forEach(task -> task.cancel(true)); // interrupts a running chore, as the own thread's shutdownNow did
        try {
            runner.close();
        } finally {
            validators.close();
        }
    }

    /** The global validation settings: parsed once with ca.json, {@code --resolver} applied. */
    static ValidationSettings validationSettings(CaConfig config) {
        return config.validation() == null ? ValidationSettings.defaults() : config.validation().settings();
    }

    static RateLimitConfig rateLimitConfig(CaConfig config) {
        try {
            return RateLimitConfig.from(config.json());
        } catch (IllegalArgumentException e) {
            throw new StartupException(config.file() + ": " + e.getMessage(), e);
        }
    }

    private static String hostForUrl(String name) {
        return name.contains(":") && !name.startsWith("[") ? "[" + name + "]" : name;
    }
}
