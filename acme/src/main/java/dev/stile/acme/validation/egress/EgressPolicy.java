package dev.stile.acme.validation.egress;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Which addresses the validators may connect to (HTTP-01 and each redirect hop, TLS-ALPN-01, and
 * DNS servers the validator finds by itself). Every address is judged before any packet is sent.
 *
 * <p>The rule: among the operator's entries ({@code allowNetworks}, {@code denyNetworks}, from
 * ca.json's {@code validation} block and from the ACME provisioner's) and the built-in
 * {@link SpecialRanges}, the most specific network that contains the address decides. At equal
 * prefix length an operator's entry beats a built-in one and a deny beats an allow. So
 * {@code allowNetworks: ["127.0.0.0/8"]} lifts the loopback refusal, {@code denyNetworks:
 * ["192.168.0.0/16"]} refuses a private range, and {@code allowNetworks: ["0.0.0.0/0"]} opens
 * nothing special, because every special range is more specific than it.
 *
 * <p>IPv4-mapped ({@code ::ffff:0:0/96}) and NAT64 ({@code 64:ff9b::/96}) addresses are judged by
 * the IPv4 address they carry.
 */
public final class EgressPolicy {

    public static final String ALLOW_KEY = "allowNetworks";
    public static final String DENY_KEY = "denyNetworks";

    private static final Network NAT64 = Network.parse("64:ff9b::/96", "built-in range");

    /** An operator's entry and where it was written, e.g. {@code validation.denyNetworks}. */
    private record Entry(Network network, boolean allow, String source) {
    }

    private final List<Entry> entries;
    /** When set, every address is refused with this reason (a broken per-provisioner entry). */
    private final String refuseAll;

    private EgressPolicy(List<Entry> entries) {
        this(entries, null);
    }

    private EgressPolicy(List<Entry> entries, String refuseAll) {
        this.entries = List.copyOf(entries);
        this.refuseAll = refuseAll;
    }

    /** A policy that refuses every address, because its configuration could not be read. */
    public static EgressPolicy refusingAll(String configurationError) {
        return new EgressPolicy(List.of(), configurationError);
    }

    /** Only the built-in ranges: private networks and public addresses allowed, the rest refused. */
    public static EgressPolicy defaults() {
        return new EgressPolicy(List.of());
    }

    /**
     * Reads {@code allowNetworks} and {@code denyNetworks} of a {@code validation} block (missing
     * keys mean none) and adds them to this policy's entries.
     *
     * @param block  the block, or {@code null}
     * @param prefix how its keys are named in messages, e.g. {@code validation} or
     *               {@code provisioner "acme" validation}
     * @throws IllegalArgumentException one sentence naming the key and the value
     */
    public EgressPolicy with(JsonNode block, String prefix) {
        if (block == null || block.isNull() || block.isMissingNode()) {
            return this;
        }
        if (refuseAll != null) {
            return this;
        }
        List<Entry> out = new ArrayList<>(entries);
        read(block.get(ALLOW_KEY), true, prefix + "." + ALLOW_KEY, out);
        read(block.get(DENY_KEY), false, prefix + "." + DENY_KEY, out);
        return out.size() == entries.size() ? this : new EgressPolicy(out);
    }

    private static void read(JsonNode list, boolean allow, String key, List<Entry> out) {
        if (list == null || list.isNull()) {
            return;
        }
        if (!list.isArray()) {
            throw new IllegalArgumentException(key + ": must be a list of networks such as [\"10.0.0.0/8\"], got " + list);
        }
        for (JsonNode n : list) {
            if (!n.isTextual()) {
                throw new IllegalArgumentException(key + ": must be a list of strings such as \"10.0.0.0/8\", got " + n + " in it");
            }
            out.add(new Entry(Network.parse(n.asText(), key), allow, key));
        }
    }

    /**
     * Why {@code address} must not be dialled, as one sentence, or empty when it may be.
     * Example: {@code 169.254.169.254 is refused by the validation egress policy: it is the cloud
     * metadata service (link-local, 169.254.169.254/32); list it in validation.allowNetworks to allow it.}
     */
    public Optional<String> refusal(InetAddress address) {
        if (refuseAll != null) {
            return Optional.of(address.getHostAddress() + " is refused because the validation egress policy cannot be read: "
                    + refuseAll + ".");
        }
        byte[] bytes = judged(address);
        Entry best = null;
        for (Entry e : entries) {
            if (e.network.contains(bytes) && (best == null || beats(e, best))) {
                best = e;
            }
        }
        SpecialRanges.Range builtin = null;
        for (SpecialRanges.Range r : SpecialRanges.ALL) {
            if (r.network().contains(bytes) && (builtin == null || r.network().prefix() > builtin.network().prefix())) {
                builtin = r;
            }
        }
        String shown = address.getHostAddress() + (bytes.length != address.getAddress().length
                ? " (IPv4 " + ipv4(bytes) + ")" : "");
        if (best != null && (builtin == null || best.network.prefix() >= builtin.network().prefix())) {
            return best.allow ? Optional.empty() : Optional.of(shown + " is refused by the validation egress policy: it is in "
                    + best.network + ", listed in " + best.source + ".");
        }
        if (builtin == null || builtin.allowed()) {
            return Optional.empty();
        }
        return Optional.of(shown + " is refused by the validation egress policy: it is " + builtin.name() + " ("
                + builtin.network() + "); list it in validation.allowNetworks to allow it.");
    }

    /** Longer prefix first; at equal length a deny wins. */
    private static boolean beats(Entry e, Entry best) {
        if (e.network.prefix() != best.network.prefix()) {
            return e.network.prefix() > best.network.prefix();
        }
        return !e.allow && best.allow;
    }

    /** The bytes to judge: the embedded IPv4 address of IPv4-mapped and NAT64 addresses. */
    private static byte[] judged(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet6Address) {
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            mapped &= b[10] == (byte) 0xff && b[11] == (byte) 0xff;
            if (mapped || NAT64.contains(b)) {
                return Arrays.copyOfRange(b, 12, 16);
            }
        }
        return b;
    }

    private static String ipv4(byte[] b) {
        try {
            return Inet4Address.getByAddress(b).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The addresses of a name split by this policy: what may be dialled (the first allowed IPv6
     * address, then the first allowed IPv4 address, as validators dial) and why the others may not.
     */
    public Screened screen(List<InetAddress> addresses) {
        List<InetAddress> dial = new ArrayList<>();
        List<String> refusals = new ArrayList<>();
        boolean six = false;
        boolean four = false;
        for (InetAddress a : addresses) {
            Optional<String> refused = refusal(a);
            if (refused.isPresent()) {
                refusals.add(refused.get());
            } else if (a instanceof Inet6Address && !six) {
                six = true;
                dial.add(0, a);
            } else if (a instanceof Inet4Address && !four) {
                four = true;
                dial.add(a);
            }
        }
        return new Screened(dial, refusals);
    }

    /**
     * @param dialOrder what may be dialled, IPv6 first
     * @param refusals  one sentence per refused address
     */
    public record Screened(List<InetAddress> dialOrder, List<String> refusals) {
        public Screened {
            dialOrder = List.copyOf(dialOrder);
            refusals = List.copyOf(refusals);
        }

        /** The refusal sentences joined, for a problem detail when nothing may be dialled. */
        public String why() {
            return String.join(" ", refusals);
        }
    }
}
