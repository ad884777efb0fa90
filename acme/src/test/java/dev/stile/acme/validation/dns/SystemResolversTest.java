package dev.stile.acme.validation.dns;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The fallback of the SystemResolvers port when no implementation is registered (acme alone). */
class SystemResolversTest {

    @TempDir
    Path dir;

    @Test
    void nameserverLinesWithAnIpAreRead() throws Exception {
        Path conf = dir.resolve("resolv.conf");
        Files.writeString(conf, """
                # comment
                search home.arpa
                nameserver 10.96.0.10
                nameserver   ::1
                nameserver fe80::1%eth0
                options ndots:5
                """);
        assertThat(SystemResolvers.resolvConf(conf))
                .containsExactly(new DnsServer("10.96.0.10", 53), new DnsServer("::1", 53));
    }

    @Test
    void anUnreadableFileGivesNoServer() {
        assertThat(SystemResolvers.resolvConf(dir.resolve("missing"))).isEmpty();
    }
}
