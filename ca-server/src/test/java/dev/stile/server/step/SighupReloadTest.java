package dev.stile.server.step;

import dev.stile.provisioners.ProvisionerRegistry;
import dev.stile.provisioners.ProvisionerSource;
import dev.stile.provisioners.claims.Claims;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class SighupReloadTest {

    @Test
    @EnabledOnOs(OS.LINUX)
    void sighupReloadsTheProvisioners() throws Exception {
        AtomicInteger loads = new AtomicInteger();
        ProvisionerSource source = new ProvisionerSource(() -> {
            loads.incrementAndGet();
            return ProvisionerRegistry.of(List.of(), Claims.BUILT_IN);
        });
        SighupReload.install(source);
        new ProcessBuilder("kill", "-HUP", Long.toString(ProcessHandle.current().pid())).start().waitFor();
        Instant deadline = Instant.now().plusSeconds(10);
        while (loads.get() < 2 && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        assertThat(loads.get()).isEqualTo(2);
    }
}
