package dev.stile.net.dns;

import dev.stile.acme.validation.ValidationSettings;
import dev.stile.acme.validation.dns.SystemResolvers;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** With net on the class path, validation.resolvers defaults to dnsjava's reading of the system, as before the port. */
class DnsjavaSystemResolversTest {

    @Test
    void theRegisteredProviderIsDnsjavas() {
        assertThat(SystemResolvers.find()).isEqualTo(new DnsjavaSystemResolvers().servers());
        assertThat(ValidationSettings.defaults().resolvers()).isEqualTo(new DnsjavaSystemResolvers().servers())
                .isNotEmpty();
    }
}
