package dev.stile.authority.init;

import dev.stile.authority.CertificateExtensions;
import dev.stile.authority.keys.KeyMaterial;
import dev.stile.authority.keys.KeyType;
import dev.stile.authority.keys.PublicKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CaInitializerTest {

    @TempDir
    Path tmp;

    private InitOptions options(Path dir) {
        return new InitOptions(dir, "Lab", List.of("::1"), "127.0.0.1:443", "ops", "pw".toCharArray(), null,
                false, KeyType.EC_P384);
    }

    @Test
    void programmaticInitReturnsPathsAndFingerprint() throws Exception {
        InitResult result = new CaInitializer(Clock.systemUTC()).initialize(options(tmp.resolve("ca")));

        assertThat(result.caConfig()).isEqualTo(tmp.resolve("ca/config/ca.json").toAbsolutePath());
        assertThat(result.rootFingerprint()).isEqualTo(CertificateExtensions.sha256Fingerprint(
                KeyMaterial.readCertificates(result.rootCertificate()).get(0)));
        // The provisioner password defaults to the CA password, as in step.
        String caJson = Files.readString(result.caConfig());
        String encryptedKey = new com.fasterxml.jackson.databind.ObjectMapper().readTree(caJson)
                .path("authority").path("provisioners").get(0).path("encryptedKey").asText();
        assertThat(ProvisionerKey.decrypt(encryptedKey, "pw".toCharArray()).getKeyId())
                .isEqualTo(result.provisionerKid());
        assertThat(caJson).doesNotContain("\"ACME\"");
        assertThat(Files.readString(result.defaults())).contains("\"https://[::1]\"");
        assertThat(PublicKeys.describe(KeyMaterial.readCertificates(result.intermediateCertificate()).get(0).getPublicKey())).isEqualTo("EC-P384");
    }

    @Test
    void secretsAreOwnerOnlyEvenInAnExistingWorldReadableDirectory() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("existing"));
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));

        InitResult result = new CaInitializer(Clock.systemUTC()).initialize(options(dir));

        assertThat(mode(result.caConfig())).isEqualTo("rw-------");
        assertThat(mode(dir.resolve("secrets/intermediate_ca_key"))).isEqualTo("rw-------");
        assertThat(mode(dir.resolve("secrets"))).isEqualTo("rwx------");
        assertThat(mode(dir.resolve("db"))).isEqualTo("rwx------");
        assertThat(mode(result.rootCertificate())).isEqualTo("rw-r--r--"); // certificates stay readable
    }

    private static String mode(Path p) throws Exception {
        return java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void aFailureHalfwayLeavesNothingBehind() throws Exception {
        Clock broken = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                throw new IllegalStateException("clock exploded");
            }
        };
        Path dir = tmp.resolve("ca");
        assertThatThrownBy(() -> new CaInitializer(broken).initialize(options(dir)))
                .hasMessageContaining("clock exploded");
        assertThat(dir).doesNotExist();
        try (Stream<Path> entries = Files.list(tmp)) {
            assertThat(entries).isEmpty();
        }

        Path existing = Files.createDirectory(tmp.resolve("existing"));
        assertThatThrownBy(() -> new CaInitializer(broken).initialize(options(existing)))
                .hasMessageContaining("clock exploded");
        try (Stream<Path> entries = Files.list(existing)) {
            assertThat(entries).isEmpty();
        }
    }

    @Test
    void validatesOptionsBeforeTouchingTheDisk() {
        Path dir = tmp.resolve("ca");
        InitOptions noDns = new InitOptions(dir, "Lab", List.of(), ":9000", "ops", "pw".toCharArray(), null,
                false, null);
        assertThatThrownBy(() -> new CaInitializer().initialize(noDns)).hasMessageStartingWith("--dns");
        InitOptions badPort = new InitOptions(dir, "Lab", List.of("a"), ":99999", "ops", "pw".toCharArray(), null,
                false, null);
        assertThatThrownBy(() -> new CaInitializer().initialize(badPort)).hasMessageContaining("no valid port");
        assertThat(dir).doesNotExist();
    }
}
