package dev.stile.acme.validation.dns;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Port: the DNS servers of the machine, used when {@code validation.resolvers} is not set. The net
 * module provides the implementation the server runs with (dnsjava's reading of the system
 * configuration, registered with {@link ServiceLoader}); when none is on the class path, as for
 * this module alone, the {@code nameserver} lines of {@code /etc/resolv.conf} are read.
 */
public interface SystemResolvers {

    /** The machine's DNS servers in the order they are to be tried; empty when none is configured. */
    List<DnsServer> servers();

    /** The servers of the registered implementation, else those of {@code /etc/resolv.conf}. */
    static List<DnsServer> find() {
        for (SystemResolvers provider : ServiceLoader.load(SystemResolvers.class, SystemResolvers.class.getClassLoader())) {
            return provider.servers();
        }
        return resolvConf(Path.of("/etc/resolv.conf"));
    }

    /** The {@code nameserver} lines of a resolv.conf file that hold an IP address; empty when it is unreadable. */
    static List<DnsServer> resolvConf(Path file) {
        List<DnsServer> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file)) {
                String[] words = line.trim().split("\\s+");
                if (words.length >= 2 && words[0].equals("nameserver")) {
                    try {
                        out.add(new DnsServer(DnsServer.parse(words[1]).host(), 53));
                    } catch (IllegalArgumentException e) {
                        // not an IP address (a scoped IPv6 address, a typo): skipped, as resolvers do
                    }
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        return out;
    }
}
