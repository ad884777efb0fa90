package dev.stile.provisioners.token;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.List;
import java.util.Set;

/**
 * The token audiences this CA accepts, built from every name in ca.json's {@code dnsNames}
 * (reference section 3.2). A token's {@code aud} matches when it equals an expected value, either
 * exactly or after removing the port from both URLs: clients and proxies reach the CA on other
 * ports, but the host name must be one the CA knows.
 */
public final class Audiences {

    private final List<String> dnsNames;
    /** Per purpose: the expected audiences, and the same without their ports (built once, not per token). */
    private final Map<TokenPurpose, Set<String>> expected = new EnumMap<>(TokenPurpose.class);
    private final Map<TokenPurpose, Set<String>> expectedWithoutPort = new EnumMap<>(TokenPurpose.class);

    public Audiences(List<String> dnsNames) {
        if (dnsNames.isEmpty()) {
            throw new IllegalArgumentException("dnsNames is empty: the CA needs at least one name for token audiences");
        }
        this.dnsNames = List.copyOf(dnsNames);
        for (TokenPurpose purpose : TokenPurpose.values()) {
            Set<String> all = Collections.unmodifiableSet(build(purpose));
            expected.put(purpose, all);
            expectedWithoutPort.put(purpose, withoutPorts(all));
        }
    }

    public List<String> dnsNames() {
        return dnsNames;
    }

    /** Every accepted audience for a purpose, e.g. {@code https://ca.example.com/1.0/sign}. */
    public Set<String> expected(TokenPurpose purpose) {
        return expected.get(purpose);
    }

    private Set<String> build(TokenPurpose purpose) {
        Set<String> out = new LinkedHashSet<>();
        for (String name : dnsNames) {
            String host = name.contains(":") && !name.startsWith("[") ? "[" + name + "]" : name;
            for (String path : purpose.paths()) {
                out.add("https://" + host + path);
            }
        }
        if (purpose.acceptsLegacyAudience()) {
            out.add(TokenPurpose.LEGACY_AUDIENCE);
        }
        return out;
    }

    /** True when any token audience matches an expected audience of the purpose. */
    public boolean matches(List<String> tokenAudiences, TokenPurpose purpose) {
        return matchesAny(tokenAudiences, expected.get(purpose), expectedWithoutPort.get(purpose));
    }

    private static Set<String> withoutPorts(Set<String> expected) {
        Set<String> stripped = new LinkedHashSet<>();
        for (String e : expected) {
            stripped.add(withoutPort(e));
        }
        return Collections.unmodifiableSet(stripped);
    }

    private static boolean matchesAny(List<String> tokenAudiences, Set<String> expected, Set<String> stripped) {
        for (String a : tokenAudiences) {
            if (expected.contains(a) || stripped.contains(withoutPort(a))) {
                return true;
            }
        }
        return false;
    }

    /** The URL without the port of its host; non-URLs unchanged. */
    static String withoutPort(String audience) {
        try {
            URI u = new URI(audience);
            if (u.getScheme() == null || u.getRawAuthority() == null) {
                return audience;
            }
            String authority = u.getRawAuthority();
            String host = authority;
            if (authority.startsWith("[")) {
                int end = authority.indexOf(']');
                host = end > 0 ? authority.substring(0, end + 1) : authority;
            } else if (authority.lastIndexOf(':') > 0) {
                host = authority.substring(0, authority.lastIndexOf(':'));
            }
            StringBuilder sb = new StringBuilder(u.getScheme()).append("://").append(host);
            if (u.getRawPath() != null) {
                sb.append(u.getRawPath());
            }
            if (u.getRawQuery() != null) {
                sb.append('?').append(u.getRawQuery());
            }
            return sb.toString();
        } catch (java.net.URISyntaxException e) {
            return audience;
        }
    }

    /** A short list of the accepted audiences for log messages. */
    public List<String> describe(TokenPurpose purpose) {
        return new ArrayList<>(expected(purpose));
    }
}
