package dev.stile.acme.validation.dns;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * A DNS server as configured: an IP address literal and a port. Host names are refused on
 * purpose, because resolving them would go through the very resolver we want to avoid.
 *
 * @param host an IPv4 or IPv6 address literal
 * @param port the port, usually 53
 */
public record DnsServer(String host, int port) {

    /** Parses {@code 10.0.0.1}, {@code 10.0.0.1:5353}, {@code [::1]:53} or {@code ::1}. */
    public static DnsServer parse(String text) {
        String s = text.trim();
        String host = s;
        int port = 53;
        if (s.startsWith("[")) {
            int end = s.indexOf(']');
            if (end < 0) {
                throw new IllegalArgumentException("\"" + text + "\" is not HOST:PORT (missing ])");
            }
            host = s.substring(1, end);
            if (s.length() > end + 1) {
                if (s.charAt(end + 1) != ':') {
                    throw new IllegalArgumentException("\"" + text + "\" is not HOST:PORT");
                }
                port = parsePort(text, s.substring(end + 2));
            }
        } else if (s.indexOf(':') >= 0 && s.indexOf(':') == s.lastIndexOf(':')) {
            host = s.substring(0, s.indexOf(':'));
            port = parsePort(text, s.substring(s.indexOf(':') + 1));
        }
        if (!host.matches("[0-9a-fA-F:.]+") || (!host.contains(".") && !host.contains(":"))) {
            throw new IllegalArgumentException("\"" + text + "\" must be an IP address with an optional port, such as 10.96.0.10:53");
        }
        try {
            InetAddress.getByName(host); // a literal: no lookup happens
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("\"" + text + "\" is not a valid IP address");
        }
        return new DnsServer(host, port);
    }

    private static int parsePort(String text, String p) {
        try {
            int port = Integer.parseInt(p);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // fall through to the error below
        }
        throw new IllegalArgumentException("\"" + text + "\" has an invalid port");
    }

    public InetSocketAddress socketAddress() {
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("not an IP literal: " + host, e);
        }
    }

    @Override
    public String toString() {
        return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
    }
}
