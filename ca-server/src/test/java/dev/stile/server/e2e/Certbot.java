package dev.stile.server.e2e;

import dev.stile.testsupport.Requirements;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * certbot (Debian package {@code certbot}) driven as an administrator would drive it from cron:
 * non-interactive, all state in one folder, trusting the CA through {@code REQUESTS_CA_BUNDLE}.
 */
final class Certbot {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    private final String program;
    private final Workspace workspace;
    private final AcmeServer server;
    private final Path state;

    Certbot(Workspace workspace, AcmeServer server, String name) {
        this.program = Requirements.program("certbot", "certbot");
        this.workspace = workspace;
        this.server = server;
        this.state = workspace.directory(name);
    }

    /** {@code certonly --standalone} over http-01, the solver listening on {@code address:port}. */
    ExternalProgram.Result certonlyHttp(String certName, String address, int port, List<String> domains) {
        List<String> args = new ArrayList<>(List.of("certonly", "--standalone", "--preferred-challenges", "http-01",
                "--http-01-address", address, "--http-01-port", Integer.toString(port), "--cert-name", certName));
        domains.forEach(d -> args.addAll(List.of("-d", d)));
        return run("certonly-http-01", args);
    }

    /** {@code certonly --manual} over dns-01, {@code hook} publishing and removing the TXT records. */
    ExternalProgram.Result certonlyDns(String certName, Path hook, List<String> domains) {
        List<String> args = new ArrayList<>(List.of("certonly", "--manual", "--preferred-challenges", "dns-01",
                "--manual-auth-hook", hook + " add", "--manual-cleanup-hook", hook + " delete",
                "--cert-name", certName));
        domains.forEach(d -> args.addAll(List.of("-d", d)));
        return run("certonly-dns-01", args);
    }

    /** Renews now, with the settings certbot stored when it obtained the certificate. */
    ExternalProgram.Result renew(String certName) {
        // Without --no-random-sleep-on-renew certbot waits up to 8 minutes when not on a terminal.
        return run("renew", List.of("renew", "--cert-name", certName, "--force-renewal", "--no-random-sleep-on-renew"));
    }

    /**
     * Revokes the current certificate, signed by the ACME account key, or by the certificate's
     * own key when {@code withCertificateKey} (RFC 8555 section 7.6 allows both).
     */
    ExternalProgram.Result revoke(String certName, boolean withCertificateKey) {
        List<String> args = new ArrayList<>(List.of("revoke", "--cert-path", cert(certName).toString(),
                "--reason", "keycompromise", "--no-delete-after-revoke"));
        if (withCertificateKey) {
            args.addAll(List.of("--key-path", live(certName).resolve("privkey.pem").toString()));
        }
        return run("revoke", args);
    }

    Path cert(String certName) {
        return live(certName).resolve("cert.pem");
    }

    Path chain(String certName) {
        return live(certName).resolve("chain.pem");
    }

    Path fullchain(String certName) {
        return live(certName).resolve("fullchain.pem");
    }

    /** certbot's debug log of its last run (it prints some server errors only there). */
    String lastDebugLog() {
        return ExternalProgram.read(state.resolve("logs/letsencrypt.log"));
    }

    private Path live(String certName) {
        return state.resolve("config/live").resolve(certName);
    }

    private ExternalProgram.Result run(String step, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(program);
        command.addAll(args);
        command.addAll(List.of("--server", server.directory().toString(),
                "--config-dir", state.resolve("config").toString(),
                "--work-dir", state.resolve("work").toString(),
                "--logs-dir", state.resolve("logs").toString(),
                "--non-interactive", "--agree-tos", "-m", "e2e@example.com"));
        return ExternalProgram.run(workspace.log("certbot-" + step), environment(), TIMEOUT, command);
    }

    private Map<String, String> environment() {
        return Map.of("REQUESTS_CA_BUNDLE", server.tlsTrust().toString());
    }
}
