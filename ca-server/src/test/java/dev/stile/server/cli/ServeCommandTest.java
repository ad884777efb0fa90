package dev.stile.server.cli;

import dev.stile.core.Environment;
import dev.stile.server.testsupport.TestCa;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

/** Error paths of {@code stile serve}: one line on stderr, exit code 2, never a stack trace. */
class ServeCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = StileCommand.commandLine(new Environment(dir.resolve("home")));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    private void assertOneLineError(int code, String expectedStart) {
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).startsWith("stile: " + expectedStart);
        assertThat(err.toString().strip()).doesNotContain("\n").doesNotContain("\tat ");
    }

    @Test
    void badConfigNamesFileAndKey() throws Exception {
        TestCa ca = TestCa.create(dir);
        Files.writeString(ca.config(), Files.readString(ca.config()).replace("127.0.0.1:0", ":abc"));
        assertOneLineError(run("serve", ca.config().toString()), ca.config() + ": address: \":abc\" is not host:port");
    }

    @Test
    void missingConfigFile() {
        assertOneLineError(run("serve", dir.resolve("nope.json").toString()), dir.resolve("nope.json") + ": file does not exist");
    }

    @Test
    void missingPasswordSaysWhereToPutIt() {
        TestCa ca = TestCa.create(dir);
        int code = run("serve", ca.config().toString());
        assertOneLineError(code, ca.dir().resolve("secrets/intermediate_ca_key") + " needs a password");
        assertThat(err.toString()).contains("--password-file");
    }

    @Test
    void wrongPasswordAndMissingPasswordFile() throws Exception {
        TestCa ca = TestCa.create(dir);
        Path wrong = dir.resolve("wrong");
        Files.writeString(wrong, "not-it\n");
        assertThat(run("serve", ca.config().toString(), "--password-file", wrong.toString())).isEqualTo(2);
        assertThat(err.toString()).startsWith("stile: ").contains("intermediate_ca_key");
        err.getBuffer().setLength(0);
        assertOneLineError(run("serve", ca.config().toString(), "--password-file", dir.resolve("none").toString()),
                "--password-file " + dir.resolve("none") + " does not exist");
    }

    @Test
    void badResolverFlag() throws Exception {
        TestCa ca = TestCa.create(dir);
        assertOneLineError(run("serve", ca.config().toString(), "--resolver", "8.8.8.8"), "--resolver \"8.8.8.8\" is not host:port");
    }

    @Test
    void versionAndSubcommands() {
        assertThat(run("--version")).isZero();
        assertThat(out.toString()).startsWith("stile ");
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("serve", "init");
    }

    @Test
    void firstRunCreatesACaInStileHomeWithAPrivatePasswordFile() throws Exception {
        Path home = dir.resolve("home");
        Path caJson = FirstRun.ensureCa(home, new PrintWriter(out, true));
        assertThat(caJson).isEqualTo(home.resolve("config/ca.json"));
        Path password = home.resolve("secrets/password");
        assertThat(Files.readString(password).strip()).hasSizeGreaterThanOrEqualTo(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(password))).isEqualTo("rw-------");
        String json = Files.readString(caJson);
        assertThat(json).contains("\"127.0.0.1:9000\"", "\"admin\"", "\"acme\"", "\"h2\"");
        // Admin mode, with the super-admin step bound to the JWK provisioner, as init --remote-management.
        dev.stile.server.config.CaConfig config = dev.stile.server.config.ConfigLoader.load(caJson);
        assertThat(config.authority().enableAdmin()).isTrue();
        try (dev.stile.db.Database db = dev.stile.server.App.openDatabase(config.db())) {
            assertThat(new dev.stile.db.admin.JdbcAdminStore(db).list(dev.stile.core.PageRequest.first(10)).items())
                    .singleElement().satisfies(a -> {
                        assertThat(a.subject()).isEqualTo("step");
                        assertThat(a.provisioner()).isEqualTo("admin");
                        assertThat(a.type()).isEqualTo(dev.stile.admin.AdminRecord.Type.SUPER_ADMIN);
                    });
        }
        assertThat(out.toString()).contains("super-admin 'step' (provisioner admin)");
        // Second run reuses it: same CA, same password.
        String firstPassword = Files.readString(password);
        String firstConfig = Files.readString(caJson);
        assertThat(FirstRun.ensureCa(home, new PrintWriter(out, true))).isEqualTo(caJson);
        assertThat(Files.readString(password)).isEqualTo(firstPassword);
        assertThat(Files.readString(caJson)).isEqualTo(firstConfig);
    }

    @Test
    void firstRunInAPodTakesNamesAddressesAndThePasswordFromFlags() throws Exception {
        Path home = dir.resolve("home");
        Files.createDirectories(home.resolve("lost+found")); // a fresh ext4 volume is not quite empty
        Path secret = dir.resolve("secret/password");
        Files.createDirectories(secret.getParent());
        Files.writeString(secret, "from-the-secret\n");
        // --ops-address makes the probes' listener; a bad flag fails before anything is written.
        assertOneLineError(run("serve", "--ops-address", "x", "--password-file", secret.toString()),
                "--ops-address 'x' must be HOST:PORT");
        assertThat(home.resolve("config")).doesNotExist();

        FirstRun.Settings settings = new FirstRun.Settings("Home", java.util.List.of("stile.stile.svc.cluster.local",
                "stile.stile.svc", "stile"), ":9000", "0.0.0.0:9100", "from-the-secret".toCharArray());
        Path caJson = FirstRun.ensureCa(home, settings, new PrintWriter(out, true));
        dev.stile.server.config.CaConfig config = dev.stile.server.config.ConfigLoader.load(caJson);
        assertThat(config.dnsNames()).containsExactly("stile.stile.svc.cluster.local", "stile.stile.svc", "stile");
        assertThat(config.address().port()).isEqualTo(9000);
        assertThat(config.ops().address().port()).isEqualTo(9100);
        // The password stays in the Secret: no copy next to the keys it protects.
        assertThat(home.resolve("secrets/password")).doesNotExist();
        assertThat(dev.stile.authority.keys.KeyMaterial.readPrivateKey(config.key(), "from-the-secret".toCharArray()))
                .isNotNull();
        assertThat(out.toString()).contains("for stile.stile.svc.cluster.local, stile.stile.svc, stile",
                "password from --password-file");
        // defaults.json follows the first name and the port.
        assertThat(Files.readString(home.resolve("config/defaults.json")))
                .contains("\"ca-url\" : \"https://stile.stile.svc.cluster.local:9000\"");
    }

    @Test
    void laterStartsServeWhatIsThereAndSaySoWhenFirstRunFlagsAreGiven() throws Exception {
        TestCa ca = TestCa.create(dir);
        String before = Files.readString(ca.config());
        // Fails later on the password; what matters is the note and the untouched file.
        run("serve", ca.config().toString(), "--dns", "other.example", "--address", ":1");
        assertThat(err.toString()).startsWith("stile: --address, --dns only apply when serve creates its CA; serving "
                + ca.config() + " as it is");
        assertThat(Files.readString(ca.config())).isEqualTo(before);
    }
}
