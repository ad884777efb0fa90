package dev.stile.acme.validation.egress;

import java.util.List;

/**
 * The built-in part of the egress policy: IANA's special-purpose address ranges (RFC 6890 and its
 * successors) and what validation does with each when no {@code allowNetworks}/{@code
 * denyNetworks} entry is as specific. Private ranges (RFC 1918, CGNAT, IPv6 unique local) are
 * allowed by default because a homelab CA validates 192.168.x hosts; everything else special is
 * refused. The cloud metadata addresses are listed on their own so that allowing a whole range
 * (say {@code fc00::/7}) does not also open them.
 */
final class SpecialRanges {

    private SpecialRanges() {
    }

    /** One built-in rule. */
    record Range(Network network, String name, boolean allowed) {
    }

    static final List<Range> ALL = List.of(
            deny("0.0.0.0/8", "\"this network\" (0.0.0.0 is the unspecified address)"),
            allow("10.0.0.0/8", "private (RFC 1918)"),
            allow("100.64.0.0/10", "shared carrier-grade NAT space (RFC 6598)"),
            deny("100.100.100.200/32", "a cloud metadata service (Alibaba Cloud)"),
            deny("127.0.0.0/8", "loopback"),
            deny("169.254.0.0/16", "link-local"),
            deny("169.254.169.254/32", "the cloud metadata service (link-local)"),
            allow("172.16.0.0/12", "private (RFC 1918)"),
            deny("192.0.0.0/24", "reserved for IETF protocol assignments"),
            deny("192.0.2.0/24", "documentation (TEST-NET-1)"),
            deny("192.88.99.0/24", "the deprecated 6to4 relay anycast range"),
            allow("192.168.0.0/16", "private (RFC 1918)"),
            deny("198.18.0.0/15", "reserved for benchmarking"),
            deny("198.51.100.0/24", "documentation (TEST-NET-2)"),
            deny("203.0.113.0/24", "documentation (TEST-NET-3)"),
            deny("224.0.0.0/4", "multicast"),
            deny("240.0.0.0/4", "reserved"),
            deny("255.255.255.255/32", "the broadcast address"),
            allow("0.0.0.0/0", "public"),
            deny("::/8", "reserved by the IETF (IPv4-compatible and other legacy forms)"),
            deny("::/128", "the unspecified address"),
            deny("::1/128", "loopback"),
            deny("64:ff9b:1::/48", "local-use NAT64"),
            deny("100::/64", "the discard-only range"),
            deny("2001::/23", "reserved for IETF protocol assignments (Teredo and others)"),
            deny("2001:db8::/32", "documentation"),
            deny("2002::/16", "6to4 (it embeds an IPv4 address)"),
            allow("fc00::/7", "unique local (the IPv6 private range)"),
            deny("fd00:ec2::254/128", "the cloud metadata service (AWS, IPv6)"),
            deny("fe80::/10", "link-local"),
            deny("fec0::/10", "the deprecated site-local range"),
            deny("ff00::/8", "multicast"),
            allow("::/0", "public"));

    private static Range deny(String cidr, String name) {
        return new Range(Network.parse(cidr, "built-in range"), name, false);
    }

    private static Range allow(String cidr, String name) {
        return new Range(Network.parse(cidr, "built-in range"), name, true);
    }
}
