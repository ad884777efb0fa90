package dev.stile.server;

import dev.stile.authority.inventory.CertificateStore;
import dev.stile.db.Database;
import dev.stile.db.certificates.JdbcCertificateStore;
import dev.stile.acme.port.AcmeEvents;
import dev.stile.server.acme.AcmeWiring;
import dev.stile.db.secrets.AtRestCipher;
import dev.stile.db.secrets.EabKeysAtRest;
import dev.stile.authority.Authority;
import dev.stile.authority.crypto.BouncyCastle;
import dev.stile.authority.keys.KeyMaterial;
import dev.stile.authority.crypto.NativeKeys;
import dev.stile.server.config.CaConfig;
import dev.stile.server.crypto.NativeCrypto;
import dev.stile.server.config.DbConfig;
import dev.stile.server.http.CoreRoutes;
import dev.stile.server.http.HttpsServer;
import dev.stile.server.http.RouteModule;
import dev.stile.server.step.StepApi;
import dev.stile.server.tls.ServerCertificate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.Security;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The composition root: the only place where Stile's objects are created and wired together.
 * {@link #start} turns a loaded {@link CaConfig} into a running HTTPS server; {@link #stop} shuts
 * it down gracefully. Tests start it on port 0.
 *
 * <p>To add an area (ACME, step-ca sign/renew, admin), construct its services here and add its
 * {@link RouteModule} in {@link #routeModules}.
 */
public final class App implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(App.class);

    /**
     * How to start.
     *
     * @param keyPassword password of the intermediate key, or null for an unencrypted key
     * @param clock       time source for signing and renewal
     * @param stopTimeout how long a stop waits for requests in flight
     * @param extraRoutes route modules added after Stile's own (tests, experiments)
     */
    public record Options(char[] keyPassword, Clock clock, Duration stopTimeout, List<RouteModule> extraRoutes) {

        public Options {
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(stopTimeout, "stopTimeout");
            extraRoutes = List.copyOf(extraRoutes);
        }

        /** Without extra routes. */
        public Options(char[] keyPassword, Clock clock, Duration stopTimeout) {
            this(keyPassword, clock, stopTimeout, List.of());
        }

        public static Options withPassword(char[] keyPassword) {
            return new Options(keyPassword, Clock.systemUTC(), Duration.ofSeconds(20), List.of());
        }

        public Options withExtraRoutes(RouteModule... modules) {
            return new Options(keyPassword, clock, stopTimeout, List.of(modules));
        }

        public Options withStopTimeout(Duration timeout) {
            return new Options(keyPassword, clock, timeout, extraRoutes);
        }
    }

    private final CaConfig config;
    private final Database database;
    private final Authority authority;
    private final ServerCertificate serverCertificate;
    private final HttpsServer server;
    private final StepApi stepApi;
    private final AcmeWiring acme;
    private final OpsWiring ops;
    private final Chores chores;

    private App(CaConfig config, Database database, Authority authority, ServerCertificate serverCertificate,
                HttpsServer server, StepApi stepApi, AcmeWiring acme, OpsWiring ops, Chores chores) {
        this.ops = ops;
        this.chores = chores;
        this.config = config;
        this.database = database;
        this.authority = authority;
        this.serverCertificate = serverCertificate;
        this.server = server;
        this.stepApi = stepApi;
        this.acme = acme;
    }

    /**
     * Opens the database, loads the CA keys, issues the server certificate and starts serving.
     *
     * @throws StartupException (or {@link dev.stile.authority.keys.KeyMaterialException},
     *                          {@link dev.stile.db.StoreException}) with a one-line reason
     */
    public static App start(CaConfig config, Options options) {
        // The database opens (H2's file and pages, the schema check) on its own thread while the
        // providers load and the keys are read and decrypted: a third of the start-up before.
        DatabaseOpening opening = DatabaseOpening.start(() -> openDatabase(config.db()));
        List<X509Certificate> roots;
        List<X509Certificate> federated;
        List<X509Certificate> intermediates;
        PrivateKey key;
        try {
            Security.addProvider(BouncyCastle.provider());
            NativeCrypto.installOnce();
            roots = readAll(config.roots());
            federated = readAll(config.federatedRoots());
            intermediates = KeyMaterial.readCertificates(config.crt());
            // Turned into the native provider's own key object once, not re-parsed on every signature.
            key = NativeKeys.forSigning(KeyMaterial.readPrivateKey(config.key(), options.keyPassword()));
        } catch (RuntimeException | Error e) {
            opening.abandon();
            throw e;
        }

        Database database = opening.await();
        // The one scheduler for every periodic chore below; shut down last, before the database.
        Chores chores = new Chores();
        database.startReachabilityProbe(chores.scheduler()); // /ready knows within a second when the database stops answering
        ServerCertificate serverCertificate = null;
        StepApi stepApi = null;
        AcmeWiring acme = null;
        OpsWiring ops = null;
        try {
            ops = OpsWiring.create(config, database, options.clock());
            CertificateStore certificates = ops.observe(new JdbcCertificateStore(database));
            Authority authority;
            try {
                authority = new Authority(roots, intermediates, key, certificates, options.clock(),
                        config.crl().enabled() ? config.crl().distributionPoint(config.dnsNames(), config.address().port()) : null);
            } catch (IllegalArgumentException e) {
                throw new StartupException(config.file() + ": " + e.getMessage(), e);
            }
            serverCertificate = new ServerCertificate(authority, config.dnsNames(), config.commonName(),
                    config.authority().backdate(), config.tls(), options.clock(), chores.scheduler());
            stepApi = StepApi.create(config, database, authority, key, options.clock(), chores.scheduler());
            // EAB HMAC keys are encrypted at rest under a key derived from the intermediate CA key.
            EabKeysAtRest eabAtRest = new EabKeysAtRest(AtRestCipher.derivedFrom(key, "acme-eab-hmac"));
            eabAtRest.sealPlaintextKeys(database);
            List<RouteModule> modules = routeModules(config, database, authority, federated);
            modules.addAll(stepApi.routes());
            acme = AcmeWiring.create(config, database, authority, stepApi.revocations(), stepApi.provisioners(),
                    options.clock(), ops.acmeEvents(AcmeEvents.NONE), eabAtRest, chores.scheduler());
            modules.add(acme.routes());
            modules.addAll(ops.routeModules(authority.intermediates(), () -> true, stepApi.provisioners(),
                    stepApi.revocations(), eabAtRest));
            modules.addAll(options.extraRoutes());
            HttpsServer server = HttpsServer.start(config.address(), serverCertificate.sslContextFactory(), modules,
                    options.stopTimeout());
            serverCertificate.startRenewing();
            acme.started(server.port());
            LOG.info("serving HTTPS on {} (port {}), names {}", config.address(), server.port(), config.dnsNames());
            // The signing key was loaded and used for the server certificate above.
            ops.start(() -> true, chores.scheduler());
            return new App(config, database, authority, serverCertificate, server, stepApi, acme, ops, chores);
        } catch (RuntimeException e) {
            closeInOrder(ops, acme, stepApi, serverCertificate, chores, database);
            throw e;
        }
    }

    /**
     * The one stop order, for a failed start (parts not built yet are null) and for {@link #stop}:
     * the components cancel their chores, then the scheduler waits for chores still running, and
     * only then the database closes.
     */
    private static void closeInOrder(OpsWiring ops, AcmeWiring acme, StepApi stepApi,
                                     ServerCertificate serverCertificate, Chores chores, Database database) {
        if (ops != null) {
            ops.close();
        }
        if (acme != null) {
            acme.close();
        }
        if (stepApi != null) {
            stepApi.close();
        }
        if (serverCertificate != null) {
            serverCertificate.close();
        }
        chores.close();
        database.close();
    }

    /** Every HTTP area of Stile. Add new modules here. */
    private static List<RouteModule> routeModules(CaConfig config, Database database, Authority authority,
                                                  List<X509Certificate> federated) {
        List<RouteModule> modules = new ArrayList<>();
        modules.add(new CoreRoutes(database::isHealthy, Version.get(), authority.roots(), authority.intermediates(),
                federated));
        return modules;
    }

    /** Opens (and migrates) the configured database; also used by {@code stile db}. */
    public static Database openDatabase(DbConfig db) {
        if (db.stepDataDir() != null) {
            LOG.info("db: step-ca's {} data in {} is not read; Stile keeps its own H2 database at {}",
                    db.type(), db.stepDataDir(), db.stepDataDir().resolve("stile"));
        }
        Database.Kind kind = db.kind() == DbConfig.Kind.POSTGRESQL ? Database.Kind.POSTGRESQL : Database.Kind.H2;
        int pool = kind == Database.Kind.H2 ? 4 : 8;
        try {
            return Database.open(kind, db.jdbcUrl(), db.user(), db.password(), pool);
        } catch (RuntimeException e) {
            String reason = firstLine(e.getMessage());
            if (db.kind() == DbConfig.Kind.H2 && reason.contains("already in use")) {
                reason = "another process has it open (is another stile serve running on this CA?)";
            }
            throw new StartupException("cannot open the " + db.type() + " database " + redacted(db.jdbcUrl()) + ": "
                    + reason, e);
        }
    }

    private static String redacted(String url) {
        return url.replaceAll("password=[^&;]*", "password=***");
    }

    static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).trim();
    }

    private static List<X509Certificate> readAll(List<Path> files) {
        List<X509Certificate> out = new ArrayList<>();
        for (Path f : files) {
            out.addAll(KeyMaterial.readCertificates(f));
        }
        return out;
    }

    /** The port actually bound (useful with port 0). */
    public int port() {
        return server.port();
    }

    public CaConfig config() {
        return config;
    }

    public Authority authority() {
        return authority;
    }

    /** The ACME server's wiring (tests reach its stores). */
    public AcmeWiring acme() {
        return acme;
    }

    public Database database() {
        return database;
    }

    public ServerCertificate serverCertificate() {
        return serverCertificate;
    }

    /** Metrics, retention, renewal watch and the ops listener. */
    public OpsWiring ops() {
        return ops;
    }

    /** The step-ca enrollment API (provisioners, tokens, revocation, CRL). */
    public StepApi stepApi() {
        return stepApi;
    }

    /**
     * Stops accepting connections, lets requests in flight finish (up to the stop timeout), stops
     * every component and waits for chores still running, then closes the database.
     */
    public void stop() {
        try {
            server.stop();
        } finally {
            closeInOrder(ops, acme, stepApi, serverCertificate, chores, database);
            LOG.info("stopped");
        }
    }

    @Override
    public void close() {
        stop();
    }
}
