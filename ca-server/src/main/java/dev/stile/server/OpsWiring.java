package dev.stile.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stile.acme.port.RevocationPort;
import dev.stile.admin.AdminStore;
import dev.stile.admin.EabKeyAdmin;
import dev.stile.admin.FirstSuperAdmin;
import dev.stile.admin.inventory.CertificateInventory;
import dev.stile.admin.inventory.OrderInventory;
import dev.stile.admin.inventory.RenewalTracker;
import dev.stile.admin.inventory.ValidationFailureLog;
import dev.stile.admin.retention.Retention;
import dev.stile.authority.inventory.CertificateStore;
import dev.stile.db.Database;
import dev.stile.db.admin.JdbcAdminSessions;
import dev.stile.db.admin.JdbcAdminStore;
import dev.stile.db.admin.JdbcEabKeyAdmin;
import dev.stile.db.inventory.JdbcCertificateInventory;
import dev.stile.db.inventory.JdbcDashboardQueries;
import dev.stile.db.inventory.JdbcOrderInventory;
import dev.stile.db.inventory.JdbcRenewalTracker;
import dev.stile.db.inventory.JdbcTableStats;
import dev.stile.db.inventory.JdbcValidationFailureLog;
import dev.stile.db.retention.JdbcRetention;
import dev.stile.db.revocations.JdbcRevocations;
import dev.stile.db.tokens.JdbcTokenStore;
import dev.stile.provisioners.ProvisionerRegistry;
import dev.stile.provisioners.ProvisionerSource;
import dev.stile.acme.port.AcmeEvents;
import dev.stile.server.config.CaConfig;
import dev.stile.server.http.RouteModule;
import dev.stile.server.http.admin.AdminAuthenticator;
import dev.stile.server.http.admin.AdminsRoutes;
import dev.stile.server.http.admin.CaJsonProvisioners;
import dev.stile.server.http.admin.EabRoutes;
import dev.stile.server.http.admin.InventoryRoutes;
import dev.stile.server.http.admin.PolicyAdminRoutes;
import dev.stile.server.http.admin.ProvisionersAdminRoutes;
import dev.stile.server.http.admin.console.ConsoleWiring;
import dev.stile.server.http.ops.HealthRoutes;
import dev.stile.server.http.ops.OpsServer;
import dev.stile.server.ops.AuditLog;
import dev.stile.server.ops.CachedCount;
import dev.stile.server.ops.ObservedCertificateStore;
import dev.stile.server.ops.OpsAcmeEvents;
import dev.stile.server.ops.OpsSettings;
import dev.stile.server.ops.Readiness;
import dev.stile.server.ops.RetentionScheduler;
import dev.stile.server.ops.StileMetrics;
import dev.stile.server.ops.ValidationObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The operations object graph (issue 6), built by App in three calls:
 * {@link #create} after the database is open, {@link #observe} around the certificate store
 * the Authority gets, {@link #routeModules} for the HTTPS server, then {@link #start} once
 * serving; {@link #close} on stop. ACME wiring takes {@link #acmeEvents} and may call
 * {@link #metrics()} for JWS/nonce rejections.
 */
public final class OpsWiring implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OpsWiring.class);
    /** How long gauge counts (active certificates, renewal gaps) are reused between scrapes. */
    private static final Duration GAUGE_TTL = Duration.ofSeconds(30);

    private final CaConfig config;
    private final Database database;
    private final Clock clock;
    private final OpsSettings settings;
    private final StileMetrics metrics = new StileMetrics();
    private final AuditLog audit = new AuditLog();
    private final RenewalTracker tracker;
    private final CertificateInventory inventory;
    private final ValidationFailureLog failures;
    private final AdminStore admins;
    private final Retention retention;
    private final ValidationObserver validations;
    private RetentionScheduler scheduler;
    private OpsServer opsServer;

    private OpsWiring(CaConfig config, Database database, Clock clock, OpsSettings settings) {
        this.config = config;
        this.database = database;
        this.clock = clock;
        this.settings = settings;
        this.tracker = new JdbcRenewalTracker(database);
        this.inventory = new JdbcCertificateInventory(database);
        this.failures = new JdbcValidationFailureLog(database);
        this.admins = new JdbcAdminStore(database);
        this.retention = new JdbcRetention(database, settings.retention(), clock, metrics::retentionDeleted);
        this.validations = new ValidationObserver(metrics, failures, clock);
        metrics.bindPool(database.dataSource());
        metrics.activeCertificates(new CachedCount("stile_certificates_active",
                () -> inventory.countActive(clock.instant()), GAUGE_TTL, clock));
        metrics.renewalGaps(new CachedCount("stile_renewal_gaps",
                () -> tracker.countGaps(clock.instant().plus(settings.renewalWindow())), GAUGE_TTL, clock));
    }

    /** Reads the ops settings from the config (a bad value is a one-line ConfigException). */
    public static OpsWiring create(CaConfig config, Database database, Clock clock) {
        return new OpsWiring(config, database, clock, OpsSettings.from(config));
    }

    /** The store to give the Authority: issuance also feeds the renewal watch, metrics and audit. */
    public CertificateStore observe(CertificateStore store) {
        return new ObservedCertificateStore(store, tracker, metrics, audit, database);
    }

    /**
     * The ACME server's event listener: validation metrics and failure log, audit of ACME
     * revocations and refusals; then {@code next} (e.g. CRL regeneration).
     */
    public AcmeEvents acmeEvents(AcmeEvents next) {
        return new OpsAcmeEvents(validations, audit, metrics, next);
    }

    /**
     * {@code /ready} on the main listener, and {@code /admin} when {@code authority.enableAdmin}.
     *
     * @param issuers      this CA's intermediates (admin certificates must chain to one)
     * @param provisioners the live provisioner snapshot (admins and EAB keys are bound to names in it)
     * @param eabAtRest    encrypts EAB HMAC keys before they are stored
     */
    public List<RouteModule> routeModules(List<X509Certificate> issuers, BooleanSupplier signingKeyLoaded,
                                          ProvisionerSource provisioners, dev.stile.db.secrets.EabKeysAtRest eabAtRest) {
        return routeModules(issuers, signingKeyLoaded, provisioners, null, eabAtRest);
    }

    /**
     * @param caRevocation the CA's revocation path (inventory, CRL regeneration); admin revocations
     *                     go through it so the CRL lists them at once. Null: inventory only.
     */
    public List<RouteModule> routeModules(List<X509Certificate> issuers, BooleanSupplier signingKeyLoaded,
                                          ProvisionerSource provisioners, RevocationPort caRevocation,
                                          dev.stile.db.secrets.EabKeysAtRest eabAtRest) {
        List<RouteModule> modules = new ArrayList<>();
        modules.add(new HealthRoutes(readiness(signingKeyLoaded)));
        if (config.authority().enableAdmin()) {
            // Used admin-token ids in the shared used_tokens table, so a token is single-use
            // across replicas; the step API's purge and retention remove expired ones.
            AdminAuthenticator authenticator = new AdminAuthenticator(issuers, config.dnsNames(), admins,
                    new JdbcTokenStore(database, clock), clock);
            modules.add(new AdminsRoutes(authenticator, admins, () -> names(provisioners.get()), audit, clock));
            // One editor for provisioner and policy changes: its lock serialises every ca.json write.
            CaJsonProvisioners caJson = new CaJsonProvisioners(config.file(), provisioners);
            modules.add(new ProvisionersAdminRoutes(authenticator, provisioners, caJson, admins, audit));
            modules.add(new PolicyAdminRoutes(authenticator, caJson, audit));
            modules.add(new EabRoutes(authenticator, new JdbcEabKeyAdmin(database, eabAtRest), provisioners, audit, clock));
            modules.add(new InventoryRoutes(authenticator, inventory, new JdbcOrderInventory(database),
                    new JdbcRevocations(database), tracker, failures,
                    audit, clock).revokingThrough(caRevocation));
            // Issue 14: admin sessions, the browser console, its dashboard.
            modules.addAll(ConsoleWiring.modules(authenticator, admins, new JdbcAdminSessions(database), provisioners,
                    inventory, tracker, new JdbcDashboardQueries(database), new JdbcTableStats(database), retention,
                    settings.retentionOn(), audit, clock));
        }
        return modules;
    }

    private Readiness readiness(BooleanSupplier signingKeyLoaded) {
        return new Readiness(database::isHealthy, signingKeyLoaded);
    }

    /**
     * Creates the first super-admin if admin mode is on and none exists, starts the ops listener
     * (when {@code ops.address} is set) and the retention schedule on {@code chores}, the server's one scheduler.
     */
    public void start(BooleanSupplier signingKeyLoaded, ScheduledExecutorService chores) {
        if (config.authority().enableAdmin()) {
            bootstrapSuperAdmin();
        }
        if (config.ops() != null && config.ops().address() != null) {
            opsServer = OpsServer.start(config.ops().address(), readiness(signingKeyLoaded), metrics);
            LOG.info("ops listener (plain HTTP: /health /ready /metrics) on {} (port {})", config.ops().address(),
                    opsServer.port());
        }
        if (settings.retentionOn()) {
            scheduler = new RetentionScheduler(retention, metrics, chores);
            scheduler.start(Duration.ofSeconds(5).toMillis());
        } else {
            LOG.warn("retention is off (retention.enabled=false): finished orders and expired certificates pile up");
        }
    }

    /**
     * step-ca's bootstrap (step-ca-api.md 7.1) for CA directories that come without an admin: a
     * super-admin with subject {@code step} bound to the first JWK provisioner, only while there is
     * no super-admin at all (so never a second one after {@code stile init --remote-management}).
     */
    void bootstrapSuperAdmin() {
        if (admins.countSuperAdmins() > 0) {
            return;
        }
        Optional<String> jwk = firstJwkProvisioner();
        if (jwk.isEmpty()) {
            LOG.warn("admin API is on but there is no JWK provisioner to bind the first super-admin to; "
                    + "add one to authority.provisioners");
            return;
        }
        FirstSuperAdmin.create(admins, FirstSuperAdmin.DEFAULT_SUBJECT, jwk.get(), clock.instant()).ifPresent(admin -> {
            audit.record("admin.created", "by", "bootstrap", "id", admin.id(), "subject", admin.subject(),
                    "provisioner", jwk.get(), "type", "SUPER_ADMIN");
            LOG.info("admin API: created super-admin \"{}\" for provisioner {}", admin.subject(), jwk.get());
        });
    }

    private Optional<String> firstJwkProvisioner() {
        for (JsonNode p : config.authority().provisioners()) {
            if ("JWK".equalsIgnoreCase(p.path("type").asText()) && !p.path("name").asText().isBlank()) {
                return Optional.of(p.path("name").asText());
            }
        }
        return Optional.empty();
    }

    private static Set<String> names(ProvisionerRegistry registry) {
        Set<String> names = new LinkedHashSet<>();
        registry.all().forEach(p -> names.add(p.name()));
        return names;
    }

    public StileMetrics metrics() {
        return metrics;
    }

    public Retention retention() {
        return retention;
    }

    public RenewalTracker renewalTracker() {
        return tracker;
    }

    /** The ops listener's port, or -1 when it is off. */
    public int opsPort() {
        return opsServer == null ? -1 : opsServer.port();
    }

    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.close();
        }
        if (opsServer != null) {
            opsServer.close();
        }
        metrics.close();
    }
}
