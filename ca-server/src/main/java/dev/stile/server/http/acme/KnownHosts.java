package dev.stile.server.http.acme;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The host names ACME requests may carry in {@code Host} (ca.json's {@code dnsNames}): ACME
 * answers build every URL from it, so a name the CA does not serve would be echoed into the
 * directory. The port is not compared (port forwards and load balancers change it).
 *
 * <p>Loopback names ({@code localhost}, {@code 127.x.x.x}, {@code ::1}) are accepted too: such a
 * Host only sends its own client back to its own machine, and it is what an operator's
 * {@code kubectl port-forward} or SSH tunnel to the CA produces.
 */
public final class KnownHosts {

    /** No check (tests, a CA without dnsNames). */
    public static final KnownHosts ANY = new KnownHosts(Set.of());

    private final Set<String> names;

    private KnownHosts(Set<String> names) {
        this.names = names;
    }

    public static KnownHosts of(List<String> dnsNames) {
        Set<String> out = new LinkedHashSet<>();
        dnsNames.forEach(n -> out.add(normalize(n)));
        return new KnownHosts(out);
    }

    /** Whether {@code hostHeader} ({@code name}, {@code name:port}, {@code [v6]:port}) names this CA; absent is fine. */
    public boolean accepts(String hostHeader) {
        if (names.isEmpty() || hostHeader == null || hostHeader.isBlank()) {
            return true;
        }
        String host = normalize(hostOf(hostHeader.trim()));
        return names.contains(host) || isLoopback(host);
    }

    /** A loopback name or literal, decided from the text alone (never resolved). */
    static boolean isLoopback(String host) {
        return host.equals("localhost") || host.equals("::1") || host.equals("0:0:0:0:0:0:0:1")
                || host.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }

    /** {@code localhost, ca.example.net} for messages. */
    public String describe() {
        return String.join(", ", names);
    }

    private static String hostOf(String header) {
        if (header.startsWith("[")) {
            int end = header.indexOf(']');
            return end < 0 ? header : header.substring(1, end);
        }
        int colon = header.indexOf(':');
        return colon >= 0 && colon == header.lastIndexOf(':') ? header.substring(0, colon) : header;
    }

    private static String normalize(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        if (n.startsWith("[") && n.endsWith("]")) {
            n = n.substring(1, n.length() - 1);
        }
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }
}
