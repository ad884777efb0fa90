package dev.stile.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stile.server.App;
import dev.stile.server.Version;
import dev.stile.server.config.CaConfig;

import java.io.PrintWriter;
import java.nio.file.Path;

/** What {@code stile serve} prints once it listens: where it is and how to trust it. */
final class StartupBanner {

    private StartupBanner() {
    }

    /** @param passwordFile where the password came from (shown for the JWK provisioner), or null */
    static void print(PrintWriter out, CaConfig ca, App app, boolean fromHome, Path passwordFile) {
        String host = ca.dnsNames().get(0);
        String base = "https://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + app.port();
        Path root = ca.roots().get(0);
        out.println("Stile " + Version.get() + " is serving " + base + " (listening on "
                + ca.address().host() + ":" + app.port() + ")");
        out.println("Root fingerprint: " + app.authority().rootFingerprint());
        String acme = firstAcmeProvisioner(ca);
        if (acme != null) {
            out.println("ACME directory:   " + base + "/acme/" + acme + "/directory");
        }
        if (fromHome) {
            Path password = passwordFile != null ? passwordFile : ca.caDir().resolve("secrets/password");
            out.println("JWK provisioner:  admin (password in " + password + ")");
        }
        if (ca.authority().enableAdmin()) {
            String jwk = firstJwkProvisioner(ca);
            String passwordArg = passwordFile != null ? passwordFile.toString()
                    : fromHome ? ca.caDir().resolve("secrets/password").toString() : "FILE";
            out.println("Admin console:    " + base + "/admin/console/ (sign in: stile admin console-url --ca-url " + base
                    + " --root " + root + " --provisioner " + (jwk == null ? "NAME" : jwk) + " --password-file "
                    + passwordArg + ")");
        }
        out.println("Try it:           curl --cacert " + root + " " + base + "/health");
        out.println("Trust the root system-wide (Debian): sudo cp " + root
                + " /usr/local/share/ca-certificates/stile-root.crt && sudo update-ca-certificates");
    }

    private static String firstJwkProvisioner(CaConfig ca) {
        for (JsonNode p : ca.authority().provisioners()) {
            if ("JWK".equalsIgnoreCase(p.path("type").asText()) && !p.path("name").asText().isEmpty()) {
                return p.path("name").asText();
            }
        }
        return null;
    }

    private static String firstAcmeProvisioner(CaConfig ca) {
        for (JsonNode p : ca.authority().provisioners()) {
            if ("ACME".equalsIgnoreCase(p.path("type").asText()) && !p.path("name").asText().isEmpty()) {
                return p.path("name").asText();
            }
        }
        return null;
    }
}
