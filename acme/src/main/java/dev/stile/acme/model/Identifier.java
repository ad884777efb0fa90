package dev.stile.acme.model;

import java.util.Objects;

/**
 * An ACME identifier (RFC 8555 §7.1.3, RFC 8738 for {@code ip}).
 *
 * @param type  {@code dns} or {@code ip}
 * @param value the name (lower case; a wildcard keeps its {@code *.} in orders) or the IP address
 */
public record Identifier(String type, String value) {

    public static final String DNS = "dns";
    public static final String IP = "ip";

    public Identifier {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
    }

    public static Identifier dns(String name) {
        return new Identifier(DNS, name);
    }

    public static Identifier ip(String address) {
        return new Identifier(IP, address);
    }

    public boolean isWildcard() {
        return DNS.equals(type) && value.startsWith("*.");
    }
}
