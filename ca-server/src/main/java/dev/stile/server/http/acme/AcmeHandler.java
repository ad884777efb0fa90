package dev.stile.server.http.acme;

/**
 * One ACME resource. Handlers throw {@link dev.stile.acme.problem.AcmeException} for client
 * errors; {@link AcmeRoutes} renders it (and anything unexpected) as a problem document.
 */
@FunctionalInterface
public interface AcmeHandler {

    void handle(AcmeExchange exchange);
}
