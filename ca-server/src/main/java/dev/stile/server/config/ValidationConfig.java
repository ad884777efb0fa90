package dev.stile.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.stile.acme.validation.ValidationSettings;
import dev.stile.acme.validation.dns.DnsServer;

import java.util.ArrayList;
import java.util.List;

/**
 * Stile's own top-level {@code validation} block, parsed once when ca.json is loaded into the
 * {@link ValidationSettings} the validators use (every key, default and error message is
 * {@link ValidationSettings#parse(JsonNode)}'s).
 *
 * @param settings the global settings (with {@code --resolver} applied once {@link #withResolvers} is called)
 * @param raw      the block as written ({@code {}} when absent): an ACME provisioner's own
 *                 {@code validation} block replaces its keys (see {@code ProvisionerValidators})
 */
public record ValidationConfig(ValidationSettings settings, JsonNode raw) {

    /** Every default: the block is absent. */
    public static ValidationConfig defaults() {
        return new ValidationConfig(ValidationSettings.defaults(), JsonNodeFactory.instance.objectNode());
    }

    /**
     * @throws IllegalArgumentException one sentence naming the key, e.g.
     *                                  {@code validation.httpPort: must be a port number (1-65535), got "x"}
     */
    static ValidationConfig parse(JsonNode block) {
        return new ValidationConfig(ValidationSettings.parse(block), block);
    }

    /**
     * The same settings with other resolvers ({@code stile serve --resolver}). The flag takes
     * host:port as written, without the IP-only rule of {@code validation.resolvers}.
     */
    public ValidationConfig withResolvers(List<HostPort> newResolvers) {
        List<DnsServer> servers = new ArrayList<>();
        for (HostPort hp : newResolvers) {
            servers.add(new DnsServer(hp.host(), hp.port()));
        }
        return new ValidationConfig(settings.withResolvers(servers), raw);
    }
}
