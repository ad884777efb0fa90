/**
 * dns-01, dns-account-01 and dns-persist-01 rules (which TXT value or persist record validates, which
 * failure is transient) and their ports: {@link dev.stile.acme.validation.dns.TxtLookup},
 * {@link dev.stile.acme.validation.dns.Route53Records}, {@link dev.stile.acme.validation.dns.AddressResolver},
 * {@link dev.stile.acme.validation.dns.SystemResolvers}. May import the acme model and the JDK
 * ({@code InetAddress} as a value); never dnsjava or the AWS SDK (the net module implements the ports).
 */
package dev.stile.acme.validation.dns;
