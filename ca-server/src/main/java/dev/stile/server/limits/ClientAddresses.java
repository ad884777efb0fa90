package dev.stile.server.limits;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Which client a request counts against for per-address limits. The address is the TCP peer as
 * Jetty sees it; {@code X-Forwarded-For} is ignored unless the peer is one of the configured
 * {@code rateLimits.trustedProxies} (otherwise any client could name a fresh address per request).
 * From a trusted proxy, the right-most forwarded address that is not itself a trusted proxy is the
 * client. IPv6 clients count per /64, the block one host usually owns.
 */
public final class ClientAddresses {

    private final List<byte[][]> trusted; // {network, mask}

    private ClientAddresses(List<byte[][]> trusted) {
        this.trusted = trusted;
    }

    public static ClientAddresses trusting(List<String> cidrs, String where) {
        List<byte[][]> nets = new ArrayList<>();
        for (String cidr : cidrs) {
            nets.add(parse(cidr, where));
        }
        return new ClientAddresses(List.copyOf(nets));
    }

    /**
     * The key of the client behind this request.
     *
     * @param peer         the TCP peer address (Jetty's remote address)
     * @param forwardedFor the {@code X-Forwarded-For} header, or null
     */
    public String clientKey(String peer, String forwardedFor) {
        InetAddress client = literal(peer);
        if (client == null) {
            return peer == null ? "unknown" : peer;
        }
        if (forwardedFor != null && isTrusted(client)) {
            String[] hops = forwardedFor.split(",");
            for (int i = hops.length - 1; i >= 0; i--) {
                InetAddress hop = literal(hops[i].trim());
                if (hop == null) {
                    break; // a garbled header: count against the proxy itself
                }
                client = hop;
                if (!isTrusted(hop)) {
                    break;
                }
            }
        }
        return key(client);
    }

    private static String key(InetAddress address) {
        byte[] b = address.getAddress();
        if (b.length == 16) {
            for (int i = 8; i < 16; i++) {
                b[i] = 0;
            }
            try {
                return InetAddress.getByAddress(b).getHostAddress() + "/64";
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
        return address.getHostAddress();
    }

    private boolean isTrusted(InetAddress address) {
        byte[] a = address.getAddress();
        for (byte[][] net : trusted) {
            if (net[0].length != a.length) {
                continue;
            }
            boolean match = true;
            for (int i = 0; i < a.length && match; i++) {
                match = (a[i] & net[1][i]) == net[0][i];
            }
            if (match) {
                return true;
            }
        }
        return false;
    }

    /** An IP literal, never a DNS lookup; null when the text is not one. */
    private static InetAddress literal(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        String t = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        boolean v4 = t.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean v6 = t.contains(":") && t.matches("[0-9A-Fa-f:.%a-zA-Z0-9]+");
        if (!v4 && !v6) {
            return null;
        }
        try {
            return InetAddress.getByName(t);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static byte[][] parse(String cidr, String where) {
        String[] parts = cidr == null ? new String[0] : cidr.split("/", -1);
        InetAddress address = parts.length == 2 ? literal(parts[0]) : null;
        int bits;
        try {
            bits = parts.length == 2 ? Integer.parseInt(parts[1]) : -1;
        } catch (NumberFormatException e) {
            bits = -1;
        }
        if (address == null || bits < 0 || bits > address.getAddress().length * 8) {
            throw new IllegalArgumentException(where + ": \"" + cidr + "\" is not a CIDR block such as \"10.0.0.0/8\" or \"fd00::/8\"");
        }
        byte[] net = address.getAddress();
        byte[] mask = new byte[net.length];
        for (int i = 0; i < net.length; i++) {
            int remaining = Math.max(0, Math.min(8, bits - i * 8));
            mask[i] = (byte) (0xff << (8 - remaining));
            net[i] = (byte) (net[i] & mask[i]);
        }
        return new byte[][] {net, mask};
    }
}
