package dev.stile.server.http.acme;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class KnownHostsTest {

    private final KnownHosts hosts = KnownHosts.of(List.of("stile.stile.svc.cluster.local", "stile.stile.svc", "stile"));

    @Test
    void theCasNamesAreAcceptedWithAnyPort() {
        assertThat(hosts.accepts("stile.stile.svc.cluster.local:9000")).isTrue();
        assertThat(hosts.accepts("STILE.stile.svc.")).isTrue();
        assertThat(hosts.accepts("stile")).isTrue();
    }

    @Test
    void otherNamesAreRefused() {
        assertThat(hosts.accepts("evil.example:443")).isFalse();
        assertThat(hosts.accepts("stile.evil.example")).isFalse();
        assertThat(hosts.accepts("10.0.0.1:9000")).isFalse();
        assertThat(hosts.accepts("127.0.0.1.evil.example")).isFalse();
    }

    @Test
    void loopbackIsAcceptedForPortForwardsAndTunnels() {
        assertThat(hosts.accepts("localhost:9000")).isTrue();
        assertThat(hosts.accepts("127.0.0.1:41234")).isTrue();
        assertThat(hosts.accepts("[::1]:9000")).isTrue();
    }
}
