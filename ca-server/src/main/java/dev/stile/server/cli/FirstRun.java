package dev.stile.server.cli;

import dev.stile.server.authority.CaInitializer;
import dev.stile.server.authority.InitOptions;
import dev.stile.server.authority.InitResult;
import dev.stile.server.authority.KeyMaterial;
import dev.stile.server.authority.KeyType;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

/**
 * {@code stile serve} without a CONFIG: uses {@code $STILE_HOME}, and on the first run creates a CA
 * there with a generated password stored in {@code secrets/password} (mode 0600).
 */
final class FirstRun {

    static final String ADDRESS = "127.0.0.1:9000";
    static final List<String> DNS_NAMES = List.of("localhost", "127.0.0.1");

    private FirstRun() {
    }

    /** @return the ca.json to serve */
    static Path ensureCa(Path home, PrintWriter out) {
        Path caJson = home.resolve("config").resolve("ca.json");
        if (Files.exists(caJson)) {
            return caJson;
        }
        char[] password = generatePassword();
        InitResult result = new CaInitializer().initialize(new InitOptions(home, "Stile", DNS_NAMES, ADDRESS,
                "admin", password, null, true, KeyType.EC_P256));
        KeyMaterial.writeSecret(result.dir().resolve("secrets").resolve("password"), new String(password) + "\n");
        out.println("Created a new CA in " + result.dir() + " (password in "
                + result.dir().resolve("secrets/password") + ")");
        return result.caConfig();
    }

    private static char[] generatePassword() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).toCharArray();
    }
}
