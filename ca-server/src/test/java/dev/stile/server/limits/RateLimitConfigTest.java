package dev.stile.server.limits;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** ca.json's rateLimits: defaults, overrides, per-provisioner blocks, errors naming the key, client addresses. */
class RateLimitConfigTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static RateLimitConfig load(String caJson) throws Exception {
        return RateLimitConfig.from(JSON.readTree(caJson));
    }

    @Test
    void defaultsAreBoundedButGenerous() throws Exception {
        RateLimitSettings s = load("{}").forProvisioner("acme");
        assertThat(s.enabled()).isTrue();
        assertThat(s.newAccountsPerAddress().count()).isEqualTo(50);
        assertThat(s.newOrdersPerAccount().count()).isEqualTo(300);
        assertThat(s.pendingAuthorizationsPerAccount()).isEqualTo(1000);
        assertThat(s.failedValidationsPerAccountAndIdentifier().count()).isEqualTo(60);
        // An hourly renewal uses 24 per day per name: far below the budget.
        assertThat(s.certificatesPerIdentifier().count()).isEqualTo(100);
        assertThat(s.certificatesPerIdentifier().period()).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void topLevelAndProvisionerBlocksOverrideKeyByKey() throws Exception {
        RateLimitConfig c = load("""
                {"rateLimits": {"newOrdersPerAccount": {"count": 10}},
                 "authority": {"provisioners": [
                   {"type": "ACME", "name": "lab", "rateLimits": {"newOrdersPerAccount": {"period": "10m"}, "enabled": false}},
                   {"type": "JWK", "name": "jwk", "rateLimits": {"newOrdersPerAccount": {"count": 1}}}]}}
                """);
        assertThat(c.forProvisioner("acme").newOrdersPerAccount().count()).isEqualTo(10);
        assertThat(c.forProvisioner("acme").newOrdersPerAccount().period()).isEqualTo(Duration.ofHours(1));
        assertThat(c.forProvisioner("lab").newOrdersPerAccount().count()).isEqualTo(10);
        assertThat(c.forProvisioner("lab").newOrdersPerAccount().period()).isEqualTo(Duration.ofMinutes(10));
        assertThat(c.forProvisioner("lab").enabled()).isFalse();
        assertThat(c.forProvisioner("jwk").newOrdersPerAccount().count()).isEqualTo(10);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"rateLimits\": {\"newOrdersPerAccount\": {\"count\": 0}}}|rateLimits.newOrdersPerAccount.count: must be a whole number of at least 1, got 0",
            "{\"rateLimits\": {\"newOrdersPerAccount\": {\"period\": \"soon\"}}}|rateLimits.newOrdersPerAccount.period: must be a duration",
            "{\"rateLimits\": {\"newOrdersPerAcount\": {}}}|rateLimits.newOrdersPerAcount: unknown key",
            "{\"rateLimits\": {\"pendingAuthorizationsPerAccount\": 1.5}}|rateLimits.pendingAuthorizationsPerAccount: must be a whole number",
            "{\"rateLimits\": {\"trustedProxies\": [\"10.0.0.0/33\"]}}|rateLimits.trustedProxies: \"10.0.0.0/33\" is not a CIDR block",
            "{\"rateLimits\": {\"enabled\": \"no\"}}|rateLimits.enabled: must be true or false",
            "{\"authority\": {\"provisioners\": [{\"type\": \"ACME\", \"name\": \"a\", \"rateLimits\": {\"newOrdersPerAccount\": 5}}]}}|authority.provisioners[a].rateLimits.newOrdersPerAccount: must be an object"})
    void aWrongValueIsNamedByItsKey(String caJson, String message) {
        assertThatThrownBy(() -> load(caJson)).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(message);
    }

    @Test
    void periodsAreWrittenShortInProblemDetails() {
        assertThat(AcmeRateLimits.compact(Duration.ofHours(1))).isEqualTo("1h");
        assertThat(AcmeRateLimits.compact(Duration.ofHours(24))).isEqualTo("24h");
        assertThat(AcmeRateLimits.compact(Duration.ofMinutes(90))).isEqualTo("1h30m");
        assertThat(AcmeRateLimits.compact(Duration.ofSeconds(90))).isEqualTo("1m30s");
        assertThat(AcmeRateLimits.compact(Duration.ofSeconds(45))).isEqualTo("45s");
    }

    @Test
    void forwardedForIsTrustedOnlyFromConfiguredProxies() throws Exception {
        ClientAddresses clients = load("{\"rateLimits\": {\"trustedProxies\": [\"10.0.0.0/8\", \"fd00::/8\"]}}").clients();
        assertThat(clients.clientKey("192.0.2.7", "198.51.100.1")).as("an untrusted peer names itself").isEqualTo("192.0.2.7");
        assertThat(clients.clientKey("10.1.2.3", "198.51.100.1, 203.0.113.9")).isEqualTo("203.0.113.9");
        assertThat(clients.clientKey("10.1.2.3", "198.51.100.1, 10.9.9.9")).as("proxies are skipped").isEqualTo("198.51.100.1");
        assertThat(clients.clientKey("10.1.2.3", "not-an-address")).isEqualTo("10.1.2.3");
        assertThat(clients.clientKey("10.1.2.3", null)).isEqualTo("10.1.2.3");
        assertThat(clients.clientKey("2001:db8:1:2:3:4:5:6", null)).as("IPv6 per /64").isEqualTo("2001:db8:1:2:0:0:0:0/64");
        assertThat(load("{}").clients().clientKey("127.0.0.1", "192.0.2.1")).isEqualTo("127.0.0.1");
    }
}
