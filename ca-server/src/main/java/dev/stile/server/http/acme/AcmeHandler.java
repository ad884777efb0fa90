package dev.stile.server.http.acme;

/**
 * One ACME resource. Handlers throw {@link dev.stile.acme.problem.AcmeException} for client
 * errors; {@link AcmeRoutes} renders it (and anything unexpected) as a problem document.
 */
@FunctionalInterface
public interface AcmeHandler {

    void handle(AcmeExchange exchange);

    /**
     * Whether the request runs as one database transaction ({@link RequestTransactions}); false
     * for a resource that hands work to another thread, which must see what it wrote.
     */
    default boolean oneTransaction() {
        return true;
    }
}
