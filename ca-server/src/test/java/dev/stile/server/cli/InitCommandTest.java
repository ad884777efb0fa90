package dev.stile.server.cli;

import dev.stile.authority.PasswordFile;
import dev.stile.server.testsupport.PostgresSchema;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stile.db.Database;
import dev.stile.admin.AdminRecord;
import dev.stile.db.admin.JdbcAdminStore;
import dev.stile.server.App;
import dev.stile.authority.keys.KeyMaterial;
import dev.stile.server.config.CaConfig;
import dev.stile.server.config.ConfigLoader;
import dev.stile.core.PageRequest;
import dev.stile.authority.init.ProvisionerKey;
import dev.stile.testsupport.Requirements;
import org.jose4j.jwe.JsonWebEncryption;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwx.CompactSerializer;
import org.jose4j.jwx.Headers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class InitCommandTest {

    @TempDir
    Path tmp;

    private Path passwordFile;
    private Path provisionerPasswordFile;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void passwords() throws Exception {
        passwordFile = tmp.resolve("password");
        Files.writeString(passwordFile, "ca-secret  \n");
        provisionerPasswordFile = tmp.resolve("prov-password");
        Files.writeString(provisionerPasswordFile, "prov-secret\n");
    }

    private int run(String... args) {
        CommandLine cli = new CommandLine(new InitCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    private String[] args(Path dir, String... extra) {
        List<String> all = new ArrayList<>(List.of("--dir", dir.toString(), "--name", "Home Lab",
                "--dns", "ca.home.arpa,10.0.0.2", "--address", ":9000", "--provisioner", "admin@home.arpa",
                "--password-file", passwordFile.toString(),
                "--provisioner-password-file", provisionerPasswordFile.toString()));
        for (int i = 0; i + 1 < extra.length; i += 2) {
            int existing = all.indexOf(extra[i]);
            if (existing >= 0) {
                all.set(existing + 1, extra[i + 1]);
            } else {
                all.add(extra[i]);
                all.add(extra[i + 1]);
            }
        }
        if (extra.length % 2 == 1) {
            all.add(extra[extra.length - 1]);
        }
        return all.toArray(new String[0]);
    }

    @Test
    void createsStepLayoutWithEncryptedKeysAndConfig() throws Exception {
        Path dir = tmp.resolve("ca");
        assertThat(run(args(dir, "--acme"))).as(err.toString()).isZero();

        for (String file : List.of("config/ca.json", "config/defaults.json", "certs/root_ca.crt",
                "certs/intermediate_ca.crt", "secrets/root_ca_key", "secrets/intermediate_ca_key")) {
            assertThat(dir.resolve(file)).isRegularFile();
        }
        assertThat(dir.resolve("db")).isDirectory();
        for (String key : List.of("secrets/root_ca_key", "secrets/intermediate_ca_key")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(key))))
                    .isEqualTo("rw-------");
            assertThat(Files.readString(dir.resolve(key))).contains("Proc-Type: 4,ENCRYPTED");
        }
        try (Stream<Path> siblings = Files.list(tmp)) {
            assertThat(siblings.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".stile-init"));
        }

        // Keys decrypt with the trimmed password and fit their certificates.
        X509Certificate root = KeyMaterial.readCertificates(dir.resolve("certs/root_ca.crt")).get(0);
        X509Certificate intermediate = KeyMaterial.readCertificates(dir.resolve("certs/intermediate_ca.crt")).get(0);
        PrivateKey intermediateKey = KeyMaterial.readPrivateKey(dir.resolve("secrets/intermediate_ca_key"),
                "ca-secret".toCharArray());
        new dev.stile.authority.Authority(List.of(root), List.of(intermediate), intermediateKey,
                new dev.stile.authority.inventory.InMemoryCertificateStore(), java.time.Clock.systemUTC());
        intermediate.verify(root.getPublicKey());
        assertThat(root.getSubjectX500Principal().getName()).isEqualTo("CN=Home Lab Root CA,O=Home Lab");

        JsonNode ca = new ObjectMapper().readTree(dir.resolve("config/ca.json").toFile());
        // Portable: relative to the CA directory, so it can be moved or mounted elsewhere.
        assertThat(ca.path("root").asText()).isEqualTo("certs/root_ca.crt");
        assertThat(ca.path("crt").asText()).isEqualTo("certs/intermediate_ca.crt");
        assertThat(ca.path("key").asText()).isEqualTo("secrets/intermediate_ca_key");
        assertThat(ca.path("address").asText()).isEqualTo(":9000");
        assertThat(ca.path("dnsNames").toString()).isEqualTo("[\"ca.home.arpa\",\"10.0.0.2\"]");
        assertThat(ca.path("db").path("type").asText()).isEqualTo("h2");
        assertThat(ca.path("db").path("dataSource").asText()).isEqualTo("db/stile");
        assertThat(ca.has("ops")).isFalse();
        assertThat(dir.resolve("secrets/password")).doesNotExist();
        assertThat(ca.path("logger").path("format").asText()).isEqualTo("text");
        assertThat(ca.path("tls").path("minVersion").isNumber()).isTrue();
        assertThat(ca.path("tls").path("minVersion").asDouble()).isEqualTo(1.2);

        JsonNode provisioners = ca.path("authority").path("provisioners");
        assertThat(provisioners).hasSize(2);
        JsonNode jwk = provisioners.get(0);
        assertThat(jwk.path("type").asText()).isEqualTo("JWK");
        assertThat(jwk.path("name").asText()).isEqualTo("admin@home.arpa");
        JsonNode acme = provisioners.get(1);
        assertThat(acme.path("type").asText()).isEqualTo("ACME");
        assertThat(acme.path("name").asText()).isEqualTo("acme");
        assertThat(acme.at("/profiles/default/defaultTLSCertDuration").asText()).isEqualTo("24h");
        assertThat(acme.at("/profiles/shortlived/defaultTLSCertDuration").asText()).isEqualTo("6h");
        assertThat(acme.at("/profiles/shortlived/authorizationReuse").asText()).isEqualTo("2h");
        // A CRL clients can check, on the HTTPS listener, named in every leaf.
        assertThat(ca.at("/crl/enabled").asBoolean()).isTrue();
        assertThat(ca.at("/crl/generateOnRevoke").asBoolean()).isTrue();
        assertThat(ca.at("/crl/idpURL").asText()).isEqualTo("https://ca.home.arpa:9000/1.0/crl");

        // The encryptedKey decrypts with the provisioner password to the private half of `key`.
        String encryptedKey = jwk.path("encryptedKey").asText();
        String[] parts = CompactSerializer.deserialize(encryptedKey);
        assertThat(parts).hasSize(5);
        Headers headers = new Headers();
        headers.setFullHeaderAsJsonString(new org.jose4j.base64url.Base64Url().base64UrlDecodeToUtf8String(parts[0]));
        assertThat(headers.getStringHeaderValue("alg")).isEqualTo("PBES2-HS256+A128KW");
        assertThat(headers.getStringHeaderValue("enc")).isEqualTo("A256GCM");
        assertThat(headers.getStringHeaderValue("cty")).isEqualTo("jwk+json");
        assertThat(headers.getLongHeaderValue("p2c")).isEqualTo(600000L);
        assertThat(new org.jose4j.base64url.Base64Url().base64UrlDecode(headers.getStringHeaderValue("p2s")))
                .hasSize(16);

        JsonWebEncryption jwe = new JsonWebEncryption();
        jwe.setAlgorithmConstraints(org.jose4j.jwa.AlgorithmConstraints.NO_CONSTRAINTS);
        jwe.setCompactSerialization(encryptedKey);
        jwe.setKey(new org.jose4j.keys.PbkdfKey("prov-secret"));
        PublicJsonWebKey privateJwk = PublicJsonWebKey.Factory.newPublicJwk(jwe.getPlaintextString());
        assertThat(privateJwk.getPrivateKey()).isNotNull();
        JsonNode key = jwk.path("key");
        PublicJsonWebKey publicJwk = PublicJsonWebKey.Factory.newPublicJwk(key.toString());
        assertThat(privateJwk.getPublicKey()).isEqualTo(publicJwk.getPublicKey());
        assertThat(key.path("kid").asText()).isEqualTo(publicJwk.calculateBase64urlEncodedThumbprint("SHA-256"))
                .isEqualTo(privateJwk.getKeyId());
        assertThat(key.path("alg").asText()).isEqualTo("ES256");
        assertThat(key.path("crv").asText()).isEqualTo("P-256");
        assertThat(key.path("use").asText()).isEqualTo("sig");
        assertThat(key.has("d")).isFalse();
        assertThat(ProvisionerKey.decrypt(encryptedKey, "prov-secret".toCharArray()).getKeyId())
                .isEqualTo(key.path("kid").asText());

        JsonNode defaults = new ObjectMapper().readTree(dir.resolve("config/defaults.json").toFile());
        assertThat(defaults.path("ca-url").asText()).isEqualTo("https://ca.home.arpa:9000");
        assertThat(defaults.path("fingerprint").asText()).matches("[0-9a-f]{64}");
        assertThat(out.toString()).contains("Root fingerprint: " + defaults.path("fingerprint").asText());
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void refusesToOverwriteAnExistingCa() throws Exception {
        Path dir = tmp.resolve("ca");
        assertThat(run(args(dir))).isZero();
        byte[] before = Files.readAllBytes(dir.resolve("config/ca.json"));

        assertThat(run(args(dir))).isEqualTo(2);
        assertThat(err.toString()).startsWith("stile: ").contains("already holds a CA").hasLineCount(1);
        assertThat(Files.readAllBytes(dir.resolve("config/ca.json"))).isEqualTo(before);
        try (Stream<Path> entries = Files.list(dir)) {
            assertThat(entries.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("config", "certs", "secrets", "db");
        }
    }

    @Test
    void initialisesIntoAnExistingEmptyDirectory() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("empty"));
        assertThat(run(args(dir, "--key-type", "rsa-2048"))).as(err.toString()).isZero();
        assertThat(dir.resolve("config/ca.json")).isRegularFile();
        assertThat(Files.readString(dir.resolve("secrets/intermediate_ca_key"))).contains("BEGIN RSA PRIVATE KEY");
        try (Stream<Path> entries = Files.list(dir)) {
            assertThat(entries.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("config", "certs", "secrets", "db");
        }
    }

    @Test
    void badKeyTypeIsOneLineExit2AndWritesNothing() {
        Path dir = tmp.resolve("ca");
        assertThat(run(args(dir, "--key-type", "DSA-1024"))).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("stile: --key-type: unknown key type 'DSA-1024'; use one of "
                + "EC-P256, EC-P384, RSA-2048, RSA-3072, RSA-4096" + System.lineSeparator());
        assertThat(dir).doesNotExist();
    }

    @Test
    void missingPasswordFileIsOneLineExit2() {
        Path dir = tmp.resolve("ca");
        Path missing = tmp.resolve("nope");
        String[] arguments = args(dir);
        for (int i = 0; i < arguments.length; i++) {
            if (arguments[i].equals(passwordFile.toString())) {
                arguments[i] = missing.toString();
            }
        }
        assertThat(run(arguments)).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("stile: --password-file " + missing + " does not exist"
                + System.lineSeparator());
        assertThat(dir).doesNotExist();
    }

    @Test
    void unwritableLocationIsOneLineExit2() throws Exception {
        // A regular file where a parent directory should be fails even for root.
        Path file = Files.writeString(tmp.resolve("plain-file"), "x");
        assertThat(run(args(file.resolve("ca")))).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("stile: cannot create " + file.resolve("ca") + ": " + file
                + " is not a directory" + System.lineSeparator());

        Path locked = Files.createDirectory(tmp.resolve("locked"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-x------"));
        try {
            if (Files.isWritable(locked)) {
                return; // running as root: permissions are not enforced
            }
            StringWriter before = new StringWriter();
            before.write(err.toString());
            assertThat(run(args(locked.resolve("ca")))).isEqualTo(2);
            assertThat(err.toString().substring(before.toString().length()))
                    .startsWith("stile: cannot create " + locked.resolve("ca")).hasLineCount(1);
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void badAddressNamesTheFlag() {
        assertThat(run(args(tmp.resolve("ca"), "--address", "localhost"))).isEqualTo(2);
        assertThat(err.toString()).startsWith("stile: --address 'localhost' must be HOST:PORT");
    }

    @Test
    void openSslReadsTheWrittenKeys() throws Exception {
        String openssl = Requirements.program("openssl", "openssl");
        Path dir = tmp.resolve("ca");
        assertThat(run(args(dir))).isZero();
        dev.stile.authority.keys.KeyMaterialTest.run(openssl, "ec", "-in",
                dir.resolve("secrets/root_ca_key").toString(), "-passin", "pass:ca-secret", "-noout", "-check");
        dev.stile.authority.keys.KeyMaterialTest.run(openssl, "verify", "-CAfile",
                dir.resolve("certs/root_ca.crt").toString(), dir.resolve("certs/intermediate_ca.crt").toString());
    }

    /** The admins in the database ca.json names (opening it creates and migrates it if absent). */
    private static List<AdminRecord> admins(Path dir) {
        CaConfig config = ConfigLoader.load(dir.resolve("config/ca.json"));
        try (Database db = App.openDatabase(config.db())) {
            return new JdbcAdminStore(db).list(PageRequest.first(10)).items();
        }
    }

    @Test
    void remoteManagementEnablesTheAdminApiAndCreatesTheSuperAdmin() throws Exception {
        Path dir = tmp.resolve("ca");
        assertThat(run(args(dir, "--remote-management"))).as(err.toString()).isZero();

        JsonNode ca = new ObjectMapper().readTree(dir.resolve("config/ca.json").toFile());
        assertThat(ca.path("authority").path("enableAdmin").asBoolean()).isTrue();
        assertThat(dir.resolve("db/stile.mv.db")).isRegularFile();
        try (Stream<Path> siblings = Files.list(tmp)) {
            assertThat(siblings.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".stile-init"));
        }
        List<AdminRecord> admins = admins(dir);
        assertThat(admins).singleElement().satisfies(a -> {
            assertThat(a.subject()).isEqualTo("step");
            assertThat(a.provisioner()).isEqualTo("admin@home.arpa");
            assertThat(a.type()).isEqualTo(AdminRecord.Type.SUPER_ADMIN);
        });
        assertThat(out.toString()).contains("super-admin 'step' (provisioner admin@home.arpa)",
                "stile admin login --ca-url https://", "--provisioner admin@home.arpa --password-file ",
                "step beta ca admin list --admin-subject step --admin-provisioner admin@home.arpa --password-file ",
                "step ca admin list --admin-subject step --admin-provisioner admin@home.arpa --admin-password-file ");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void adminAliasTakesTheSubject() throws Exception {
        Path dir = tmp.resolve("ca");
        assertThat(run(args(dir, "--admin", "--admin-subject", "ops@home.arpa"))).as(err.toString()).isZero();
        assertThat(admins(dir)).extracting(AdminRecord::subject).containsExactly("ops@home.arpa");
        assertThat(run(args(tmp.resolve("other"), "--admin", "--admin-subject", " "))).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("stile: --admin-subject must not be empty" + System.lineSeparator());
        assertThat(tmp.resolve("other")).doesNotExist();
    }

    @Test
    void withoutRemoteManagementThereIsNoAdminModeAndNoAdmin() throws Exception {
        Path dir = tmp.resolve("ca");
        assertThat(run(args(dir))).as(err.toString()).isZero();
        JsonNode ca = new ObjectMapper().readTree(dir.resolve("config/ca.json").toFile());
        assertThat(ca.path("authority").has("enableAdmin")).isFalse();
        try (Stream<Path> db = Files.list(dir.resolve("db"))) {
            assertThat(db).as("the database is created by the first serve").isEmpty();
        }
        assertThat(admins(dir)).isEmpty();
        assertThat(out.toString()).doesNotContain("Admin API");
    }

    @Test
    void unreachablePostgresIsOneLineExit2AndNoCa() throws Exception {
        Path dir = tmp.resolve("ca");
        // Port 1 on loopback: nothing listens there, the connection is refused at once.
        assertThat(run(args(dir, "--remote-management", "--db-url",
                "postgresql://stile:s3cret@127.0.0.1:1/stile"))).isEqualTo(2);
        assertThat(err.toString()).startsWith("stile: --remote-management: cannot open the postgresql database "
                + "jdbc:postgresql://127.0.0.1:1/stile: ").contains("no CA was written to " + dir.toAbsolutePath())
                .doesNotContain("s3cret").hasLineCount(1);
        assertThat(dir).doesNotExist();
        try (Stream<Path> siblings = Files.list(tmp)) {
            assertThat(siblings.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".stile-init"));
        }
    }

    @Test
    void postgresUrlGoesIntoCaJsonAndBadOnesNameTheFlag() throws Exception {
        Path dir = tmp.resolve("ca");
        assertThat(run(args(dir, "--db-url", "postgresql://stile:pw@db.home.arpa:5432/stile"))).as(err.toString())
                .isZero();
        JsonNode db = new ObjectMapper().readTree(dir.resolve("config/ca.json").toFile()).path("db");
        assertThat(db.path("type").asText()).isEqualTo("postgresql");
        assertThat(db.path("dataSource").asText()).isEqualTo("postgresql://stile:pw@db.home.arpa:5432/stile");
        assertThat(out.toString()).contains("postgresql://stile:***@db.home.arpa:5432/stile").doesNotContain(":pw@");

        assertThat(run(args(tmp.resolve("bad"), "--db-url", "mysql://root:pw@db/stile"))).isEqualTo(2);
        assertThat(err.toString()).startsWith("stile: --db-url 'mysql://root:***@db/stile' must be a PostgreSQL")
                .hasLineCount(1);
        assertThat(tmp.resolve("bad")).doesNotExist();
    }

    @Test
    void remoteManagementOnPostgres() throws Exception {
        // A schema of its own: the shared test database's public schema may hold another version's
        // migrations (a machine that ran other branches' tests), which Flyway would rightly refuse.
        try (PostgresSchema schema = PostgresSchema.create()) {
            Path dir = tmp.resolve("ca");
            assertThat(run(args(dir, "--remote-management", "--db-url", schema.jdbcUrl()))).as(err.toString()).isZero();
            List<AdminRecord> admins = admins(dir);
            assertThat(out.toString()).contains("super-admin 'step'");
            assertThat(admins).anyMatch(a -> a.type() == AdminRecord.Type.SUPER_ADMIN
                    && a.subject().equals("step") && a.provisioner().equals("admin@home.arpa"));
        }
    }

    @Test
    void portableLayoutWithPasswordFileServesFromAnotherPlace() throws Exception {
        Path dir = tmp.resolve("ca");
        assertThat(run(args(dir, "--acme", "--ops-address", "0.0.0.0:9100", "--write-password")))
                .as(err.toString()).isZero();
        Path password = dir.resolve("secrets/password");
        assertThat(Files.readString(password)).isEqualTo("ca-secret\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(password))).isEqualTo("rw-------");
        assertThat(out.toString()).contains("Password:                 " + password);
        JsonNode ca = new ObjectMapper().readTree(dir.resolve("config/ca.json").toFile());
        assertThat(ca.path("ops").path("address").asText()).isEqualTo("0.0.0.0:9100");

        // Moved elsewhere (as into a Secret mounted in a pod), it still loads: nothing points back.
        Path moved = tmp.resolve("elsewhere/stile");
        Files.createDirectories(moved.getParent());
        Files.move(dir, moved);
        dev.stile.server.config.CaConfig config = dev.stile.server.config.ConfigLoader.load(moved.resolve("config/ca.json"));
        assertThat(config.roots()).containsExactly(moved.resolve("certs/root_ca.crt"));
        assertThat(config.key()).isEqualTo(moved.resolve("secrets/intermediate_ca_key"));
        assertThat(config.ops().address().port()).isEqualTo(9100);
        assertThat(KeyMaterial.readPrivateKey(config.key(), PasswordFile.read(moved.resolve("secrets/password"), "x")))
                .isNotNull();
    }

    @Test
    void badOpsAddressIsOneLineAndWritesNothing() {
        Path dir = tmp.resolve("ca");
        assertThat(run(args(dir, "--ops-address", "nope"))).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("stile: --ops-address 'nope' must be HOST:PORT or :PORT, e.g. :9000\n");
        assertThat(dir).doesNotExist();
    }
}
