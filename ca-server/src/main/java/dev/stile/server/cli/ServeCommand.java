package dev.stile.server.cli;

import dev.stile.authority.PasswordFile;
import dev.stile.server.App;
import dev.stile.core.Environment;
import dev.stile.authority.keys.KeyMaterialException;
import dev.stile.server.crypto.NativeCrypto;
import dev.stile.server.config.CaConfig;
import dev.stile.server.config.ConfigLoader;
import dev.stile.server.config.HostPort;
import dev.stile.server.logging.LogFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code stile serve [CONFIG]}: runs the CA until SIGTERM/SIGINT. Without CONFIG it serves the CA
 * in {@code $STILE_HOME}, creating it on first run. Errors: one line on stderr, exit code 2.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the CA (HTTPS API, ACME). Without CONFIG: the CA in $STILE_HOME (default ~/.stile), "
                + "created on first run.")
public final class ServeCommand implements Callable<Integer> {

    private final Environment environment;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "CONFIG",
            description = "A step-ca style ca.json; default $STILE_HOME/config/ca.json.")
    Path config;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "File holding the intermediate key's password (else \"password\" in ca.json, "
                    + "else $STILE_HOME/secrets/password).")
    Path passwordFile;

    @Option(names = "--resolver", paramLabel = "HOST:PORT",
            description = "DNS server for ACME validation; repeat for several. Overrides validation.resolvers.")
    List<String> resolvers = new ArrayList<>();

    @Option(names = "--address", paramLabel = "HOST:PORT", defaultValue = "${env:STILE_ADDRESS}",
            description = "First run without CONFIG: HTTPS listen address of the new CA, e.g. :9000 "
                    + "(default 127.0.0.1:9000; env STILE_ADDRESS).")
    String address;

    @Option(names = "--dns", split = ",", paramLabel = "HOST", defaultValue = "${env:STILE_DNS}",
            description = "First run without CONFIG: names/IPs of the new CA, comma-separated or repeated; the first "
                    + "is its URL (default localhost,127.0.0.1; env STILE_DNS).")
    List<String> dnsNames;

    @Option(names = "--ops-address", paramLabel = "HOST:PORT", defaultValue = "${env:STILE_OPS_ADDRESS}",
            description = "First run without CONFIG: plain-HTTP ops listener (probes, metrics), e.g. 0.0.0.0:9100 "
                    + "(default: off; env STILE_OPS_ADDRESS).")
    String opsAddress;

    @Option(names = "--name", paramLabel = "NAME", defaultValue = "${env:STILE_CA_NAME}",
            description = "First run without CONFIG: CA name (default Stile; env STILE_CA_NAME).")
    String caName;

    public ServeCommand(Environment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        App app;
        CaConfig ca;
        try {
            Path file = config != null ? ignoringFirstRunFlags(config, err) : firstRunOrExisting(out, err);
            // Loads the native crypto provider while the configuration is read (not earlier: a
            // first run's new keys are made before it, as without this).
            NativeCrypto.installAhead();
            // Switch the log format first, so that even warnings about the file come out as JSON.
            if (LogFormat.wantsJson(file)) {
                LogFormat.useJson();
            }
            ca = ConfigLoader.load(file);
            if (!resolvers.isEmpty()) {
                ca = ca.withValidation(ca.validation().withResolvers(parseResolvers()));
            }
            app = start(ca);
        } catch (RuntimeException e) {
            err.println("stile: " + oneLine(e.getMessage()));
            err.flush();
            return 2;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        App running = app;
        dev.stile.server.step.SighupReload.install(app.stepApi().provisioners());
        // SIGTERM/SIGINT: stop accepting, finish requests in flight, close the database.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            running.stop();
            stopped.countDown();
        }, "stile-shutdown"));
        StartupBanner.print(out, ca, app, ca.file().equals(environment.stileHome().resolve("config/ca.json")),
                passwordFile);
        out.flush();
        stopped.await();
        return 0;
    }

    /**
     * The first-run flags only shape a CA that serve creates. A later start serves what is there
     * (the CA's names are part of its identity: certificates and tokens were issued for them), and
     * says that the flags were not used rather than ignoring them silently.
     */
    private Path ignoringFirstRunFlags(Path file, PrintWriter err) {
        List<String> given = firstRunFlagsGiven();
        if (!given.isEmpty()) {
            err.println("stile: " + String.join(", ", given) + " only apply when serve creates its CA; serving "
                    + file + " as it is (edit it to change names or addresses)");
            err.flush();
        }
        return file;
    }

    private Path firstRunOrExisting(PrintWriter out, PrintWriter err) {
        Path home = environment.stileHome();
        if (Files.exists(home.resolve("config/ca.json"))) {
            return ignoringFirstRunFlags(home.resolve("config/ca.json"), err);
        }
        FirstRun.Settings defaults = FirstRun.Settings.defaults();
        List<String> names = dnsNames == null ? List.of() : dnsNames.stream().map(String::trim)
                .filter(n -> !n.isEmpty()).toList();
        FirstRun.Settings settings = new FirstRun.Settings(
                blank(caName) ? defaults.name() : caName.trim(),
                names.isEmpty() ? defaults.dnsNames() : names,
                blank(address) ? defaults.address() : address.trim(),
                blank(opsAddress) ? null : opsAddress.trim(),
                passwordFile == null ? null : PasswordFile.read(passwordFile, "--password-file"));
        return FirstRun.ensureCa(home, settings, out);
    }

    private List<String> firstRunFlagsGiven() {
        List<String> given = new ArrayList<>();
        if (!blank(address)) {
            given.add("--address");
        }
        if (dnsNames != null && dnsNames.stream().anyMatch(n -> !blank(n))) {
            given.add("--dns");
        }
        if (!blank(opsAddress)) {
            given.add("--ops-address");
        }
        if (!blank(caName)) {
            given.add("--name");
        }
        return given;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private App start(CaConfig ca) {
        char[] password = password(ca);
        try {
            return App.start(ca, App.Options.withPassword(password));
        } catch (KeyMaterialException e) {
            if (password == null) {
                throw new IllegalStateException(ca.key() + " needs a password: give --password-file FILE, set "
                        + "\"password\" in " + ca.file() + ", or write it to "
                        + environment.stileHome().resolve("secrets/password") + " (" + oneLine(e.getMessage()) + ")", e);
            }
            throw e;
        }
    }

    private char[] password(CaConfig ca) {
        if (passwordFile != null) {
            return PasswordFile.read(passwordFile, "--password-file");
        }
        if (ca.password() != null) {
            return ca.password().toCharArray();
        }
        Path home = environment.stileHome().resolve("secrets/password");
        if (Files.exists(home)) {
            return PasswordFile.read(home, "$STILE_HOME/secrets/password");
        }
        return null;
    }

    private List<HostPort> parseResolvers() {
        List<HostPort> out = new ArrayList<>();
        for (String r : resolvers) {
            HostPort hp;
            try {
                hp = HostPort.parse(r);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--resolver " + e.getMessage(), e);
            }
            if (hp.host().isEmpty() || hp.port() == 0) {
                throw new IllegalArgumentException("--resolver \"" + r + "\" must name a host and a port, e.g. 127.0.0.1:53");
            }
            out.add(hp);
        }
        return out;
    }

    static String oneLine(String message) {
        if (message == null) {
            return "unexpected error";
        }
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).trim();
    }
}
