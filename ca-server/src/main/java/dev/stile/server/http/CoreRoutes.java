package dev.stile.server.http;

import dev.stile.authority.crypto.CryptoProviders;
import dev.stile.authority.keys.KeyMaterial;
import dev.stile.step.CaCertificates;
import dev.stile.step.StepException;
import dev.stile.step.wire.StepWire;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * step-ca's unauthenticated core routes (step-ca-api.md 2.1-2.4): health, version, roots,
 * intermediates, federation. Served at {@code /} and {@code /1.0}, HEAD included.
 */
public final class CoreRoutes implements RouteModule {

    private final BooleanSupplier databaseHealthy;
    private final String version;
    private final CaCertificates certificates;

    /**
     * @param databaseHealthy true while the database answers ({@code Database::isHealthy})
     * @param version         Stile's version
     * @param roots           configured roots
     * @param intermediates   the issuing chain from the {@code crt} file
     * @param federatedRoots  extra roots from {@code federatedRoots}
     */
    public CoreRoutes(BooleanSupplier databaseHealthy, String version, List<X509Certificate> roots,
                      List<X509Certificate> intermediates, List<X509Certificate> federatedRoots) {
        this.databaseHealthy = databaseHealthy;
        this.version = version;
        this.certificates = new CaCertificates(roots, intermediates, federatedRoots);
    }

    @Override
    public void register(RoutesConfig routes) {
        Routes.getAndHead(routes, "/health", this::health);
        Routes.getAndHead(routes, "/version", ctx -> JsonResponses.send(ctx, 200, StepWire.versionResponse(version,
                // Which provider signs and checks signatures (AmazonCorrettoCryptoProvider or BC); clients ignore it.
                CryptoProviders.signatureProviderName())));
        Routes.getAndHead(routes, "/roots", ctx -> crts(ctx, certificates::roots));
        Routes.getAndHead(routes, "/roots.pem", ctx -> pem(ctx, certificates::roots));
        Routes.getAndHead(routes, "/root/{sha256}", this::root);
        Routes.getAndHead(routes, "/intermediates", ctx -> crts(ctx, certificates::intermediates));
        Routes.getAndHead(routes, "/intermediates.pem", ctx -> pem(ctx, certificates::intermediates));
        Routes.getAndHead(routes, "/federation", ctx -> crts(ctx, certificates::federation));
    }

    private void health(Context ctx) {
        if (databaseHealthy.getAsBoolean()) {
            JsonResponses.send(ctx, 200, StepWire.healthResponse());
        } else {
            JsonResponses.send(ctx, 503, Map.of("status", "unavailable",
                    "message", "the database does not answer"));
        }
    }

    /** step-ca answers these lists with 201 (sic); clients expect it. */
    private static void crts(Context ctx, Supplier<List<X509Certificate>> certificates) {
        try {
            JsonResponses.send(ctx, 201, StepWire.certificatesResponse(certificates.get()));
        } catch (StepException e) {
            StepErrors.send(ctx, StepWire.error(e));
        }
    }

    private static void pem(Context ctx, Supplier<List<X509Certificate>> certificates) {
        try {
            ctx.status(200).contentType("application/x-pem-file").result(KeyMaterial.toPem(certificates.get()));
        } catch (StepException e) {
            StepErrors.send(ctx, StepWire.error(e));
        }
    }

    private void root(Context ctx) {
        try {
            JsonResponses.send(ctx, 200, StepWire.rootResponse(certificates.root(ctx.pathParam("sha256"))));
        } catch (StepException e) {
            StepErrors.send(ctx, StepWire.error(e));
        }
    }
}
