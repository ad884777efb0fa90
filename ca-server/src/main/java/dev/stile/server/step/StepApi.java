package dev.stile.server.step;

import dev.stile.acme.port.RevocationPort;
import dev.stile.authority.inventory.Revocations;
import dev.stile.db.Database;
import dev.stile.db.certificates.JdbcCertificateStore;
import dev.stile.db.revocations.JdbcRevocations;
import dev.stile.db.tokens.JdbcTokenStore;
import dev.stile.provisioners.ProvisionerConfigException;
import dev.stile.provisioners.ProvisionerRegistry;
import dev.stile.provisioners.ProvisionerSource;
import dev.stile.provisioners.token.Audiences;
import dev.stile.provisioners.token.OidcDiscovery;
import dev.stile.provisioners.token.TokenVerifier;
import dev.stile.server.StartupException;
import dev.stile.authority.Authority;
import dev.stile.server.config.CaConfig;
import dev.stile.server.config.ConfigLoader;
import dev.stile.server.http.RouteModule;
import dev.stile.server.http.step.InsecureCrlServer;
import dev.stile.server.http.step.ProvisionerRoutes;
import dev.stile.server.http.step.StepRoutes;
import dev.stile.step.CaRevocations;
import dev.stile.step.CrlService;
import dev.stile.step.CrlSettings;
import dev.stile.step.ProvisionerKeys;
import dev.stile.step.StepAuthority;
import dev.stile.step.StepRevoker;
import dev.stile.step.UsedTokenPurge;
import dev.stile.step.wire.TlsOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Everything behind step-ca's enrollment API, built in one place for {@code App}: provisioners
 * and the authority's x509 policy (reloaded together when ca.json changes), token verification with
 * the database's replay store, revocation and the CRL, plus two background chores (ca.json watch every 5 s, used
 * token purge every 10 min).
 */
public final class StepApi implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StepApi.class);

    private final ProvisionerSource provisioners;
    private final List<RouteModule> routes;
    private final ScheduledExecutorService chores;
    /** What this API scheduled on the shared {@code chores}; cancelled by {@link #close}. */
    private final List<ScheduledFuture<?>> scheduled = new CopyOnWriteArrayList<>();
    private final RevocationPort caRevocations;
    private InsecureCrlServer insecureCrl;

    private StepApi(ProvisionerSource provisioners, List<RouteModule> routes, ScheduledExecutorService chores,
                    RevocationPort caRevocations) {
        this.provisioners = provisioners;
        this.routes = routes;
        this.chores = chores;
        this.caRevocations = caRevocations;
    }

    /**
     * @param chores the server's one scheduler (ca.json watch, used token purge)
     * @throws StartupException naming ca.json when provisioners, claims or policy are invalid
     */
    public static StepApi create(CaConfig config, Database database, Authority authority, PrivateKey intermediateKey,
                                 Clock clock, ScheduledExecutorService chores) {
        ProvisionerSource provisioners;
        try {
            provisioners = new ProvisionerSource(() -> load(config));
        } catch (ProvisionerConfigException e) {
            throw new StartupException(config.file() + ": " + e.getMessage(), e);
        }
        JdbcTokenStore usedTokens = new JdbcTokenStore(database, clock);
        TokenVerifier verifier = new TokenVerifier(provisioners, new Audiences(config.dnsNames()), usedTokens, clock,
                config.authority().disableIssuedAtCheck() ? null : clock.instant(), authority.roots(),
                authority.intermediates(), OidcDiscovery.withDefaults(clock));
        Revocations revocations = new JdbcRevocations(database);
        CrlSettings crlSettings = new CrlSettings(config.crl().enabled(), config.crl().generateOnRevoke(),
                config.crl().cacheDuration(), config.crl().renewPeriod());
        CrlService crl = new CrlService(revocations, authority.intermediates().get(0), intermediateKey, crlSettings,
                config.crl().distributionPoint(config.dnsNames(), config.address().port()), clock);
        StepAuthority step = new StepAuthority(authority, verifier, provisioners, revocations,
                config.authority().backdate(), clock);
        StepRevoker revoker = new StepRevoker(verifier, revocations, crl::revoked, clock);
        TlsOptions tls = new TlsOptions(config.tls().cipherSuites(), config.tls().minVersion(),
                config.tls().maxVersion());
        List<RouteModule> routes = List.of(new ProvisionerRoutes(new ProvisionerKeys(provisioners)),
                new StepRoutes(step, revoker, crl, tls, database));
        CaRevocations caRevocations = new CaRevocations(new JdbcCertificateStore(database), revocations, crl, clock);
        StepApi api = new StepApi(provisioners, routes, chores, acmePort(caRevocations));
        api.watch(config);
        if (config.insecureAddress() != null && config.crl().enabled()) {
            try {
                api.insecureCrl = InsecureCrlServer.start(config.insecureAddress(), crl);
            } catch (RuntimeException e) {
                api.close();
                throw new StartupException(config.file() + ": " + e.getMessage(), e);
            }
            LOG.info("serving the CRL over plain HTTP on {} (port {})", config.insecureAddress(), api.insecureCrl.port());
        }
        api.scheduled.add(chores.scheduleWithFixedDelay(new UsedTokenPurge(usedTokens, clock), 1, 10, TimeUnit.MINUTES));
        return api;
    }

    private static ProvisionerRegistry load(CaConfig initial) {
        CaConfig fresh = initial;
        if (Files.exists(initial.file())) {
            fresh = ConfigLoader.load(initial.file(), initial.caDir());
        }
        return ProvisionerRegistry.load(fresh.authority().provisioners(), fresh.authority().claims(),
                fresh.authority().policy());
    }

    private void watch(CaConfig config) {
        FileTime[] last = {modified(config)};
        scheduled.add(chores.scheduleWithFixedDelay(() -> {
            FileTime now = modified(config);
            if (now != null && !now.equals(last[0])) {
                last[0] = now;
                LOG.info("{} changed, reloading provisioners", config.file());
                provisioners.reload();
            }
        }, 5, 5, TimeUnit.SECONDS));
    }

    private static FileTime modified(CaConfig config) {
        try {
            return Files.getLastModifiedTime(config.file());
        } catch (IOException e) {
            return null;
        }
    }

    /** The route modules to register. */
    public List<RouteModule> routes() {
        return routes;
    }

    /** The live provisioners (reloaded on change); also what SIGHUP handling should call reload on. */
    public ProvisionerSource provisioners() {
        return provisioners;
    }

    /** Revocation for ACME's revoke-cert: same inventory, renewal refusal and CRL as {@code /revoke}. */
    public RevocationPort revocations() {
        return caRevocations;
    }

    /** The CA's revocation as ACME's port (the outcomes are the same three). */
    private static RevocationPort acmePort(CaRevocations revocations) {
        return new RevocationPort() {
            @Override
            public Result revoke(X509Certificate certificate, int reasonCode, String requester) {
                return Result.valueOf(revocations.revoke(certificate, reasonCode, requester).name());
            }

            @Override
            public Optional<Instant> revokedAt(String serialHex) {
                return revocations.revokedAt(serialHex);
            }
        };
    }

    /** The port of the plain-HTTP CRL listener, or -1 when {@code insecureAddress} is not set. */
    public int insecureCrlPort() {
        return insecureCrl == null ? -1 : insecureCrl.port();
    }

    @Override
    public void close() {
        scheduled.forEach(task -> task.cancel(true));
        if (insecureCrl != null) {
            insecureCrl.close();
        }
    }
}
