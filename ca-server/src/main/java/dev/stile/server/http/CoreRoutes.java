package dev.stile.server.http;

import dev.stile.authority.crypto.CryptoProviders;
import dev.stile.authority.CertificateExtensions;
import dev.stile.authority.keys.KeyMaterial;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * step-ca's unauthenticated core routes (step-ca-api.md 2.1-2.4): health, version, roots,
 * intermediates, federation. Served at {@code /} and {@code /1.0}, HEAD included.
 */
public final class CoreRoutes implements RouteModule {

    private final BooleanSupplier databaseHealthy;
    private final String version;
    private final List<X509Certificate> roots;
    private final List<X509Certificate> intermediates;
    private final List<X509Certificate> federation;

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
        this.roots = List.copyOf(roots);
        this.intermediates = List.copyOf(intermediates);
        List<X509Certificate> all = new ArrayList<>(roots);
        all.addAll(federatedRoots);
        this.federation = List.copyOf(all);
    }

    @Override
    public void register(RoutesConfig routes) {
        Routes.getAndHead(routes, "/health", this::health);
        Routes.getAndHead(routes, "/version", ctx -> JsonResponses.send(ctx, 200, Map.of("version", version,
                // Which provider signs and checks signatures (AmazonCorrettoCryptoProvider or BC); clients ignore it.
                "cryptoProvider", CryptoProviders.signatureProviderName())));
        Routes.getAndHead(routes, "/roots", ctx -> crts(ctx, roots));
        Routes.getAndHead(routes, "/roots.pem", ctx -> pem(ctx, roots));
        Routes.getAndHead(routes, "/root/{sha256}", this::root);
        Routes.getAndHead(routes, "/intermediates", ctx -> crts(ctx, intermediates));
        Routes.getAndHead(routes, "/intermediates.pem", ctx -> pem(ctx, intermediates));
        Routes.getAndHead(routes, "/federation", ctx -> crts(ctx, federation));
    }

    private void health(Context ctx) {
        if (databaseHealthy.getAsBoolean()) {
            JsonResponses.send(ctx, 200, Map.of("status", "ok"));
        } else {
            JsonResponses.send(ctx, 503, Map.of("status", "unavailable",
                    "message", "the database does not answer"));
        }
    }

    /** step-ca answers these lists with 201 (sic); clients expect it. */
    private static void crts(Context ctx, List<X509Certificate> certificates) {
        if (certificates.isEmpty()) {
            StepErrors.send(ctx, 501, null);
            return;
        }
        List<String> pems = new ArrayList<>();
        certificates.forEach(c -> pems.add(KeyMaterial.toPem(c)));
        JsonResponses.send(ctx, 201, Map.of("crts", pems));
    }

    private static void pem(Context ctx, List<X509Certificate> certificates) {
        if (certificates.isEmpty()) {
            StepErrors.send(ctx, 501, null);
            return;
        }
        ctx.status(200).contentType("application/x-pem-file").result(KeyMaterial.toPem(certificates));
    }

    private void root(Context ctx) {
        String sum = ctx.pathParam("sha256").toLowerCase(Locale.ROOT).replace("-", "");
        for (X509Certificate root : federation) {
            if (CertificateExtensions.sha256Fingerprint(root).equals(sum)) {
                JsonResponses.send(ctx, 200, Map.of("ca", KeyMaterial.toPem(root)));
                return;
            }
        }
        StepErrors.notFound(ctx, "root certificate with fingerprint \"" + sum + "\" was not found");
    }
}
