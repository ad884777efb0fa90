/**
 * DNS over dnsjava: {@link dev.stile.net.dns.DnsClient} (resolvers, per-zone forwarders, UDP then TCP),
 * and the adapters of the acme DNS ports ({@link dev.stile.net.dns.DnsTxtLookup}, {@link dev.stile.net.dns.AddressLookup},
 * {@link dev.stile.net.dns.AuthoritativeServers}, {@link dev.stile.net.dns.DnsjavaSystemResolvers}).
 * May import acme and dnsjava.
 */
package dev.stile.net.dns;
