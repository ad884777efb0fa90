package dev.stile.net.dns;

import dev.stile.acme.validation.dns.DnsServer;
import dev.stile.acme.validation.dns.SystemResolvers;
import org.xbill.DNS.ResolverConfig;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The machine's DNS servers as dnsjava reads them ({@code /etc/resolv.conf}, or the {@code dns.server}
 * system property): the default of {@code validation.resolvers}. Registered in
 * {@code META-INF/services}; needs a public no-argument constructor.
 */
public final class DnsjavaSystemResolvers implements SystemResolvers {

    @Override
    public List<DnsServer> servers() {
        List<DnsServer> out = new ArrayList<>();
        for (InetSocketAddress a : ResolverConfig.getCurrentConfig().servers()) {
            out.add(new DnsServer(a.getHostString(), a.getPort()));
        }
        return out;
    }
}
