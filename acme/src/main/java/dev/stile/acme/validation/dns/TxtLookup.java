package dev.stile.acme.validation.dns;

import dev.stile.acme.validation.egress.EgressPolicy;

/**
 * Port: reads the TXT records at a name for dns-01, dns-account-01 and dns-persist-01, through the
 * configured resolvers or, when {@code validation.authoritative} is on, the zone's own servers.
 * Implemented in the net module (dnsjava); never throws, every failure is a {@link TxtAnswer}.
 */
@FunctionalInterface
public interface TxtLookup {

    /**
     * @param name   the name asked for, no trailing dot
     * @param policy judges the addresses of authoritative servers (they come from DNS, not from the operator)
     */
    TxtAnswer txt(String name, EgressPolicy policy);
}
