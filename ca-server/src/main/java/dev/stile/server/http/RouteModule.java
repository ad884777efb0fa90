package dev.stile.server.http;

import io.javalin.config.RoutesConfig;

/**
 * A group of HTTP routes (core API, ACME, admin, ...). {@code App} builds the list of modules and
 * registers each on the one HTTPS server; a new area adds a module there instead of editing the
 * server set-up.
 *
 * <p>step-ca serves its core API twice, at {@code /} and at {@code /1.0}; use
 * {@link Routes#getAndHead} and {@link Routes#both} to do the same.
 */
@FunctionalInterface
public interface RouteModule {

    void register(RoutesConfig routes);
}
