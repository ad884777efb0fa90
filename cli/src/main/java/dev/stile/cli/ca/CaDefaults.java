package dev.stile.cli.ca;

import java.nio.file.Path;

/**
 * The client-side settings {@code stile ca bootstrap} writes to {@code config/defaults.json},
 * with step's key names ({@code ca-url}, {@code fingerprint}, {@code root}).
 *
 * @param caUrl       the CA's base URL, e.g. {@code https://ca.home.arpa:9000}
 * @param fingerprint lower-case hex SHA-256 of the root certificate's DER
 * @param root        the file holding the trusted root
 */
public record CaDefaults(String caUrl, String fingerprint, Path root) {
}
