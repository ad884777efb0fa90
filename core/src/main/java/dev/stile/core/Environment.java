package dev.stile.core;

import java.nio.file.Path;

/**
 * What the process learned from its environment, read once by the jar's entry point
 * ({@code dev.stile.server.Main}) and handed to the server's and the client's commands.
 *
 * @param stileHome  {@code $STILE_HOME}, default {@code ~/.stile}: the CA {@code stile serve} uses
 *                   without a CONFIG argument
 * @param clientHome {@code $STILE_CLIENT_HOME}, default {@code ~/.stile-client}: where
 *                   {@code stile ca bootstrap} keeps the trusted root and the CA URL, like step's
 *                   {@code $STEPPATH}
 */
public record Environment(Path stileHome, Path clientHome) {

    /** An environment whose client home is the default {@code ~/.stile-client}. */
    public Environment(Path stileHome) {
        this(stileHome, defaultClientHome());
    }

    /** {@code ~/.stile-client}. */
    public static Path defaultClientHome() {
        return Path.of(System.getProperty("user.home"), ".stile-client").toAbsolutePath().normalize();
    }
}
