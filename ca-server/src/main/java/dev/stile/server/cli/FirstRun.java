package dev.stile.server.cli;

import dev.stile.server.authority.CaInitializer;
import dev.stile.server.authority.InitOptions;
import dev.stile.server.authority.InitResult;
import dev.stile.server.authority.KeyMaterial;
import dev.stile.server.authority.KeyType;
import dev.stile.server.ops.FirstSuperAdmin;
import dev.stile.server.ops.InitSuperAdmin;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;

/**
 * {@code stile serve} without a CONFIG: uses {@code $STILE_HOME}, and on the first run creates a CA
 * there with a generated password stored in {@code secrets/password} (mode 0600), the admin API on
 * and its first super-admin {@code step} (as {@code stile init --remote-management}).
 */
final class FirstRun {

    static final String ADDRESS = "127.0.0.1:9000";
    static final List<String> DNS_NAMES = List.of("localhost", "127.0.0.1");
    static final String PROVISIONER = "admin";

    private FirstRun() {
    }

    /** @return the ca.json to serve */
    static Path ensureCa(Path home, PrintWriter out) {
        Path caJson = home.resolve("config").resolve("ca.json");
        if (Files.exists(caJson)) {
            return caJson;
        }
        char[] password = generatePassword();
        InitSuperAdmin admin = new InitSuperAdmin(FirstSuperAdmin.DEFAULT_SUBJECT, Clock.systemUTC());
        InitResult result = new CaInitializer().initialize(new InitOptions(home, "Stile", DNS_NAMES, ADDRESS,
                PROVISIONER, password, null, true, KeyType.EC_P256, true, null), admin);
        KeyMaterial.writeSecret(result.dir().resolve("secrets").resolve("password"), new String(password) + "\n");
        out.println("Created a new CA in " + result.dir() + " (password in "
                + result.dir().resolve("secrets/password") + ")");
        InitCommand.printAdmin(out, admin, PROVISIONER, InitCommand.caUrl(DNS_NAMES.get(0), ADDRESS),
                result.rootCertificate().toString(), result.dir().resolve("secrets/password").toString());
        return result.caConfig();
    }

    private static char[] generatePassword() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).toCharArray();
    }
}
