package dev.stile.net.dns;

import dev.stile.acme.validation.dns.DnsServer;
import dev.stile.acme.validation.dns.TxtAnswer;
import dev.stile.acme.validation.dns.TxtLookup;
import dev.stile.acme.validation.egress.EgressPolicy;
import org.xbill.DNS.Record;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

import java.util.ArrayList;
import java.util.List;

/**
 * TXT lookups for the DNS validators through {@link DnsClient}: the configured resolvers, or with
 * {@code validation.authoritative} the zone's own servers (those the egress policy admits; the
 * resolvers when none is left).
 */
public final class DnsTxtLookup implements TxtLookup {

    private final DnsClient dns;
    private final AuthoritativeServers authoritative;

    /** @param authoritative when not null, TXT records are read from the zone's authoritative servers */
    public DnsTxtLookup(DnsClient dns, AuthoritativeServers authoritative) {
        this.dns = dns;
        this.authoritative = authoritative;
    }

    @Override
    public TxtAnswer txt(String name, EgressPolicy policy) {
        DnsAnswer a;
        if (authoritative != null) {
            List<DnsServer> servers = authoritative.forName(name, policy);
            a = servers.isEmpty() ? dns.lookup(name, Type.TXT) : dns.lookup(name, Type.TXT, servers);
        } else {
            a = dns.lookup(name, Type.TXT);
        }
        List<String> values = new ArrayList<>();
        for (Record r : a.records()) {
            values.add(String.join("", ((TXTRecord) r).getStrings()));
        }
        return new TxtAnswer(values, a.resolver(), a.summary(), a.isTransientFailure(), a.failureReason(), a.cnames());
    }
}
