package dev.stile.server.cli;

import dev.stile.authority.init.CaInitializer;
import dev.stile.authority.init.InitOptions;
import dev.stile.authority.init.InitResult;
import dev.stile.authority.keys.KeyType;
import dev.stile.authority.init.StagedCaStep;
import dev.stile.admin.FirstSuperAdmin;
import dev.stile.server.cli.InitSuperAdmin;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;

/**
 * {@code stile serve} without a CONFIG: uses {@code $STILE_HOME}, and on the first run creates a CA
 * there, with the admin API on and its first super-admin {@code step} (as {@code stile init
 * --remote-management}). Names and addresses come from {@link Settings} (serve's flags); the
 * password from {@code --password-file} (a mounted Secret, not copied next to the keys) or, without
 * one, is generated and stored in {@code secrets/password} (mode 0600). A later run serves what is
 * there.
 */
final class FirstRun {

    static final String ADDRESS = "127.0.0.1:9000";
    static final List<String> DNS_NAMES = List.of("localhost", "127.0.0.1");
    static final String PROVISIONER = "admin";
    static final String NAME = "Stile";

    /**
     * What a first run creates.
     *
     * @param name       CA name
     * @param dnsNames   names and IPs of the CA (its TLS certificate, token audiences, ACME URLs)
     * @param address    HTTPS listen address
     * @param opsAddress ops listener address, or null for none
     * @param password   the CA password, or null to generate one and store it in secrets/password
     */
    record Settings(String name, List<String> dnsNames, String address, String opsAddress, char[] password) {

        static Settings defaults() {
            return new Settings(NAME, DNS_NAMES, ADDRESS, null, null);
        }
    }

    private FirstRun() {
    }

    /** @return the ca.json to serve */
    static Path ensureCa(Path home, PrintWriter out) {
        return ensureCa(home, Settings.defaults(), out);
    }

    /** @return the ca.json to serve: the existing one, else one created from {@code settings} */
    static Path ensureCa(Path home, Settings settings, PrintWriter out) {
        Path caJson = home.resolve("config").resolve("ca.json");
        if (Files.exists(caJson)) {
            return caJson;
        }
        boolean generated = settings.password() == null;
        char[] password = generated ? generatePassword() : settings.password();
        InitSuperAdmin admin = new InitSuperAdmin(FirstSuperAdmin.DEFAULT_SUBJECT, Clock.systemUTC());
        StagedCaStep steps = generated ? new WritePassword(password).then(admin) : admin;
        InitResult result = new CaInitializer().initialize(new InitOptions(home, settings.name(), settings.dnsNames(),
                settings.address(), PROVISIONER, password, null, true, KeyType.EC_P256, true, null,
                settings.opsAddress()), steps);
        String passwordFile = generated ? result.dir().resolve(WritePassword.RELATIVE_PATH).toString()
                : "<the --password-file given>";
        out.println("Created a new CA in " + result.dir() + " for " + String.join(", ", settings.dnsNames())
                + (generated ? " (password in " + passwordFile + ")" : " (password from --password-file)"));
        InitCommand.printAdmin(out, admin, PROVISIONER,
                InitCommand.caUrl(settings.dnsNames().get(0), settings.address()),
                result.rootCertificate().toString(), passwordFile);
        return result.caConfig();
    }

    private static char[] generatePassword() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).toCharArray();
    }
}
