package dev.stile.server.http.acme;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The host names ACME requests may carry in {@code Host} (ca.json's {@code dnsNames}): ACME
 * answers build every URL from it, so a name the CA does not serve would be echoed into the
 * directory. The port is not compared (port forwards and load balancers change it).
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
        return names.contains(normalize(hostOf(hostHeader.trim())));
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
