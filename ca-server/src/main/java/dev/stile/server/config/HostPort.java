package dev.stile.server.config;

import java.util.Objects;

/**
 * A listen address in Go's {@code host:port} syntax: {@code :9000} (every interface),
 * {@code 127.0.0.1:9000}, {@code [::1]:9000}, {@code localhost:0} (a free port, for tests).
 *
 * @param host host name or IP literal without brackets; empty means every interface
 * @param port 0-65535
 */
public record HostPort(String host, int port) {

    public HostPort {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is out of range 0-65535");
        }
    }

    /**
     * @throws IllegalArgumentException with a message quoting the text when it is not host:port
     */
    public static HostPort parse(String text) {
        String bad = "\"" + text + "\" is not host:port (e.g. \":9000\" or \"127.0.0.1:9000\")";
        if (text == null) {
            throw new IllegalArgumentException(bad);
        }
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException(bad);
        }
        String host = text.substring(0, colon);
        String port = text.substring(colon + 1);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw new IllegalArgumentException(bad + "; write IPv6 addresses in brackets, e.g. [::1]:9000");
        }
        if (!port.matches("\\d{1,5}") || Integer.parseInt(port) > 65535) {
            throw new IllegalArgumentException(bad);
        }
        return new HostPort(host, Integer.parseInt(port));
    }

    /** Host to bind: {@code 0.0.0.0} semantics (null for Jetty) when empty. */
    public String bindHost() {
        return host.isEmpty() ? null : host;
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
