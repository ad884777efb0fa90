package dev.stile.server.e2e;

import dev.stile.testsupport.Requirements;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * lego (Debian package {@code lego}) with one challenge type, all state in one folder
 * ({@code --path}), trusting the CA through {@code LEGO_CA_CERTIFICATES}.
 */
final class Lego {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    private final String program;
    private final Workspace workspace;
    private final AcmeServer server;
    private final Path state;
    private final List<String> domains;
    private final List<String> challengeFlags;
    private final Map<String, String> environment;

    private Lego(Workspace workspace, AcmeServer server, String name, List<String> domains,
                 List<String> challengeFlags, Map<String, String> extraEnvironment) {
        this.program = Requirements.program("lego", "lego");
        this.workspace = workspace;
        this.server = server;
        this.state = workspace.directory(name);
        this.domains = List.copyOf(domains);
        this.challengeFlags = List.copyOf(challengeFlags);
        Map<String, String> env = new HashMap<>(extraEnvironment);
        env.put("LEGO_CA_CERTIFICATES", server.tlsTrust().toString());
        this.environment = Map.copyOf(env);
    }

    /** http-01 with lego's own responder on {@code address:port}. */
    static Lego http(Workspace workspace, AcmeServer server, List<String> domains, String address, int port) {
        return new Lego(workspace, server, "lego-http", domains,
                List.of("--http", "--http.port", address + ":" + port), Map.of());
    }

    /** tls-alpn-01 (RFC 8737) with lego's own responder on {@code address:port}. */
    static Lego tlsAlpn(Workspace workspace, AcmeServer server, List<String> domains, String address, int port) {
        return new Lego(workspace, server, "lego-tls", domains,
                List.of("--tls", "--tls.port", address + ":" + port), Map.of());
    }

    /**
     * dns-01 through the {@code exec} provider. lego's own propagation check would ask the
     * zone's NS on port 53, so it is off; the hook's update is visible at once anyway.
     */
    static Lego dnsExec(Workspace workspace, AcmeServer server, List<String> domains, Path script, KnotDns dns) {
        return dnsExec(workspace, server, "lego-dns", domains, script, dns);
    }

    /** The same with its own state folder {@code name}, so several can run at once. */
    static Lego dnsExec(Workspace workspace, AcmeServer server, String name, List<String> domains, Path script,
                        KnotDns dns) {
        return new Lego(workspace, server, name, domains,
                List.of("--dns", "exec", "--dns.disable-cp", "--dns.resolvers", dns.address()),
                Map.of("EXEC_PATH", script.toString(),
                        "EXEC_POLLING_INTERVAL", "1",
                        "EXEC_PROPAGATION_TIMEOUT", "10",
                        // lego waits 60 s between two names' dns-01 challenges by default.
                        "EXEC_SEQUENCE_INTERVAL", "1"));
    }

    ExternalProgram.Result run() {
        return run("run", List.of("run"));
    }

    /** {@code renew --days 999}: far more than a 24 h certificate has left, so it always renews. */
    ExternalProgram.Result renew() {
        return run("renew", List.of("renew", "--days", "999", "--no-random-sleep"));
    }

    /** Revokes with the account key and keeps the files, so a second revoke can be tried. */
    ExternalProgram.Result revoke() {
        return run("revoke", List.of("revoke", "--keep", "--reason", "4"));
    }

    /** The certificate file: the leaf followed by its issuer. */
    Path certificate() {
        return state.resolve("certificates").resolve(domains.get(0) + ".crt");
    }

    Path issuer() {
        return state.resolve("certificates").resolve(domains.get(0) + ".issuer.crt");
    }

    private ExternalProgram.Result run(String step, List<String> commandArgs) {
        List<String> command = new ArrayList<>(List.of(program, "--server", server.directory().toString(),
                "--accept-tos", "--email", "e2e@example.com", "--path", state.toString()));
        domains.forEach(d -> command.addAll(List.of("--domains", d)));
        command.addAll(challengeFlags);
        command.addAll(commandArgs);
        return ExternalProgram.run(workspace.log(state.getFileName() + "-" + step), environment, TIMEOUT, command);
    }
}
