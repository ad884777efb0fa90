package dev.stile.acme.validation.dns;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DnsServerTest {

    @Test
    void parsesAddressesWithAndWithoutPorts() {
        assertThat(DnsServer.parse("10.96.0.10")).isEqualTo(new DnsServer("10.96.0.10", 53));
        assertThat(DnsServer.parse("127.0.0.1:5353")).isEqualTo(new DnsServer("127.0.0.1", 5353));
        assertThat(DnsServer.parse("[::1]:53")).isEqualTo(new DnsServer("::1", 53));
        assertThat(DnsServer.parse("fd00::53")).isEqualTo(new DnsServer("fd00::53", 53));
        assertThat(DnsServer.parse("[::1]:5300").toString()).isEqualTo("[::1]:5300");
    }

    @Test
    void refusesHostNamesAndBadPorts() {
        assertThatThrownBy(() -> DnsServer.parse("kube-dns:53")).hasMessageContaining("must be an IP address");
        assertThatThrownBy(() -> DnsServer.parse("1.2.3.4:0")).hasMessageContaining("invalid port");
        assertThatThrownBy(() -> DnsServer.parse("[::1")).hasMessageContaining("missing ]");
    }
}
