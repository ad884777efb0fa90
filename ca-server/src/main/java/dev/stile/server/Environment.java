package dev.stile.server;

import java.nio.file.Path;

/**
 * What the process learned from its environment, read once by {@link Main}.
 *
 * @param stileHome {@code $STILE_HOME}, default {@code ~/.stile}: the CA {@code stile serve} uses
 *                  without a CONFIG argument
 */
public record Environment(Path stileHome) {
}
