package dev.stile.server.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;

import java.util.List;

/** Small helpers for registering step-ca style routes. */
public final class Routes {

    private Routes() {
    }

    /** The path and its {@code /1.0} alias, as step-ca mounts its core API. */
    public static List<String> both(String path) {
        return List.of(path, "/1.0" + path);
    }

    /** GET and HEAD (step-ca answers HEAD on every GET route) at the path and its {@code /1.0} alias. */
    public static void getAndHead(RoutesConfig routes, String path, Handler handler) {
        for (String p : both(path)) {
            routes.get(p, handler);
            routes.head(p, handler);
        }
    }

    /** POST at the path and its {@code /1.0} alias. */
    public static void post(RoutesConfig routes, String path, Handler handler) {
        for (String p : both(path)) {
            routes.post(p, handler);
        }
    }
}
