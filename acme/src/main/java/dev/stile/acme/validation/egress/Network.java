package dev.stile.acme.validation.egress;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IP network in CIDR form ({@code 10.0.0.0/8}, {@code fd00::/8}; a bare address is a /32 or
 * /128). Written by hand rather than with a library: the whole job is a byte-wise prefix compare.
 *
 * @param address the network address (host bits zero), 4 or 16 bytes
 * @param prefix  the prefix length in bits
 * @param text    the network as written, for messages
 */
public record Network(byte[] address, int prefix, String text) {

    /**
     * Parses {@code text}; host names are refused (no lookup ever happens).
     *
     * @param key the configuration key, named in the error
     * @throws IllegalArgumentException one sentence naming the key and the value
     */
    public static Network parse(String text, String key) {
        String s = text.trim();
        int slash = s.indexOf('/');
        String ip = slash < 0 ? s : s.substring(0, slash);
        if (!ip.matches("[0-9a-fA-F:.]+") || (!ip.contains(".") && !ip.contains(":"))) {
            throw new IllegalArgumentException(key + ": \"" + text + "\" is not an IP network such as 10.0.0.0/8 or fd00::/8");
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(ip).getAddress(); // a literal: no DNS lookup
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(key + ": \"" + text + "\" is not a valid IP address");
        }
        int bits = bytes.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String p = s.substring(slash + 1);
            if (!p.matches("\\d{1,3}") || Integer.parseInt(p) > bits) {
                throw new IllegalArgumentException(key + ": \"" + text + "\" needs a prefix length from 0 to " + bits);
            }
            prefix = Integer.parseInt(p);
        }
        String shown = slash < 0 ? ip + "/" + prefix : s;
        Network n = new Network(bytes, prefix, shown);
        byte[] masked = n.masked(bytes);
        if (!java.util.Arrays.equals(masked, bytes)) {
            throw new IllegalArgumentException(key + ": \"" + text + "\" has bits set after the prefix length; did you mean "
                    + hostAddress(masked) + "/" + prefix + "?");
        }
        return n;
    }

    /** Whether {@code candidate} (of the same family) lies in this network. */
    public boolean contains(byte[] candidate) {
        return candidate.length == address.length && java.util.Arrays.equals(masked(candidate), address);
    }

    private byte[] masked(byte[] bytes) {
        byte[] out = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            out[i] = (byte) (bytes[i] & (0xff << (8 - keep)));
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Network n && n.prefix == prefix && java.util.Arrays.equals(n.address, address);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(address) * 31 + prefix;
    }

    /** The number of bits of the family: 32 or 128. */
    public int bits() {
        return address.length * 8;
    }

    @Override
    public String toString() {
        return text;
    }

    private static String hostAddress(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
