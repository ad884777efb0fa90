package dev.stile.server.cli.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stile.server.Environment;
import dev.stile.server.cli.ca.AdminCertificates;
import dev.stile.server.cli.ca.CaClient;
import dev.stile.server.cli.ca.CaConnectionOptions;
import dev.stile.server.cli.ca.CliException;
import dev.stile.server.cli.ca.ClientHome;
import dev.stile.server.cli.ca.ProvisionerOptions;
import dev.stile.admin.FirstSuperAdmin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/** {@code stile admin login}, {@code logout} and {@code console-url}. */
final class LoginCommands {

    private LoginCommands() {
    }

    /**
     * What step's admin commands do before each request, done once: the provisioner's key
     * (password), a certificate for the admin subject, and an x5c admin token for one path.
     */
    abstract static class WithProvisionerPassword extends AdminSubcommand {

        @Mixin
        CaConnectionOptions connection;

        @Mixin
        ProvisionerOptions provisioner;

        @Option(names = "--admin-subject", paramLabel = "SUBJECT", defaultValue = FirstSuperAdmin.DEFAULT_SUBJECT,
                description = "The admin to act as (its certificate's subject); default: ${DEFAULT-VALUE}, the one "
                        + "'stile init --remote-management' creates.")
        String subject;

        CaConnectionOptions.Connection ca;
        CaClient client;

        WithProvisionerPassword(Environment environment, Clock clock) {
            super(environment, clock);
        }

        /** POSTs {@code body} to {@code path} authenticated as the admin; returns the answer. */
        JsonNode postAsAdmin(String path, Object body) {
            ca = connection.resolve(new ClientHome(environment.clientHome()));
            client = ca.client();
            ProvisionerOptions.Signer signer = provisioner.load(client);
            Instant now = clock.instant();
            AdminCertificates.Credential admin = AdminCertificates.obtain(ca, client, signer, subject, now);
            String token = AdminTokens.forRequest(admin, subject, client.baseUrl() + path, now);
            return client.request("POST", path, body, token);
        }
    }

    @Command(name = "login", mixinStandardHelpOptions = true,
            description = "Log in as an admin with the provisioner's password; the session is stored (mode 0600) "
                    + "in $STILE_CLIENT_HOME/admin/session.json for the other 'stile admin' commands.")
    static final class Login extends WithProvisionerPassword {

        @Option(names = "--ttl", paramLabel = "DURATION", defaultValue = "1h",
                description = "How long the session lasts (at most 12h); default ${DEFAULT-VALUE}.")
        String ttl;

        Login(Environment environment, Clock clock) {
            super(environment, clock);
        }

        @Override
        int execute(PrintWriter out, PrintWriter err) throws Exception {
            JsonNode session = postAsAdmin("/admin/sessions", Map.of("ttl", ttl));
            SessionFile file = sessionFile();
            Instant expires = Instant.parse(session.path("expiresAt").asText());
            file.write(new SessionFile.Session(client.baseUrl(), ca.rootFile(), session.path("token").asText(),
                    session.path("id").asText(), session.path("subject").asText(), expires));
            if (!printedJson(out, JSON.createObjectNode().put("subject", session.path("subject").asText())
                    .put("expiresAt", expires.toString()).put("session", file.path().toString()))) {
                out.println("Logged in to " + client.baseUrl() + " as " + session.path("subject").asText() + " ("
                        + session.path("type").asText() + ") until " + expires + "; session in " + file.path());
            }
            return 0;
        }
    }

    @Command(name = "logout", mixinStandardHelpOptions = true,
            description = "End the stored admin session on the CA and delete it here.")
    static final class Logout extends AdminSubcommand {

        Logout(Environment environment, Clock clock) {
            super(environment, clock);
        }

        @Override
        int execute(PrintWriter out, PrintWriter err) {
            SessionFile file = sessionFile();
            if (file.read().isEmpty()) {
                out.println("Not logged in (no " + file.path() + ").");
                return 0;
            }
            try {
                if (file.read().get().expiresAt().isAfter(clock.instant())) {
                    api().send("DELETE", "/admin/sessions/current", null);
                }
            } finally {
                file.delete();
            }
            out.println("Logged out; the session is revoked and " + file.path() + " deleted.");
            return 0;
        }
    }

    /**
     * Contract used by checks outside the project: prints exactly one line, the URL. With
     * {@code --provisioner}/{@code --password-file} (or without a stored session) it logs in with
     * the password; otherwise it uses the stored session.
     */
    @Command(name = "console-url", mixinStandardHelpOptions = true,
            description = "Print a one-time URL (valid 5 minutes, single use) that signs a browser in to the admin console.")
    static final class ConsoleUrl extends WithProvisionerPassword {

        ConsoleUrl(Environment environment, Clock clock) {
            super(environment, clock);
        }

        @Override
        int execute(PrintWriter out, PrintWriter err) {
            boolean passwordGiven = connection != null && (provisionerGiven() || sessionFile().read().isEmpty());
            String base;
            JsonNode link;
            if (passwordGiven) {
                link = postAsAdmin("/admin/console-links", null);
                base = client.baseUrl();
            } else {
                SessionFile.Session s = sessionFile().read().orElseThrow();
                link = api().send("POST", "/admin/console-links", null);
                base = CaClient.parseBase(s.caUrl()).toString();
            }
            String path = link.path("path").asText("");
            if (!path.startsWith("/")) {
                throw CliException.refused("the CA answered /admin/console-links without a path");
            }
            out.println(base + path);
            return 0;
        }

        private boolean provisionerGiven() {
            return spec.commandLine().getParseResult().hasMatchedOption("--provisioner")
                    || spec.commandLine().getParseResult().hasMatchedOption("--password-file")
                    || spec.commandLine().getParseResult().hasMatchedOption("--ca-url");
        }
    }
}
