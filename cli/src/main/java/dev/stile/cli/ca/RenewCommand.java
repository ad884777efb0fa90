package dev.stile.cli.ca;

import dev.stile.core.Environment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.Console;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code stile ca renew CRT KEY}: renews once (mTLS, or a renew token when expired), or keeps
 * renewing with {@code --daemon}; see {@link Renewal} and {@link RenewDaemon}.
 */
@Command(name = "renew", mixinStandardHelpOptions = true,
        description = "Renew a certificate with its own key (mTLS; a renew token once it has expired).")
final class RenewCommand extends CaSubcommand {

    @Parameters(index = "0", paramLabel = "CRT", description = "The certificate (chain) to renew; overwritten unless --out.")
    Path crt;

    @Parameters(index = "1", paramLabel = "KEY", description = "Its private key (kept).")
    Path key;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the new chain here instead of over CRT.")
    Path out;

    @Option(names = {"--force", "-f"}, description = "Overwrite CRT (or --out) without asking; implied by --daemon.")
    boolean force;

    @Option(names = "--expires-in", paramLabel = "DURATION",
            description = "Renew only if the certificate expires within this duration (e.g. 8h); else exit 0.")
    String expiresIn;

    @Option(names = "--daemon", description = "Keep running; renew when about 2/3 of the lifetime has passed.")
    boolean daemon;

    @Option(names = "--exec", paramLabel = "CMD", description = "Run CMD with /bin/sh -c after each renewal.")
    String exec;

    @Option(names = "--retry-after", paramLabel = "DURATION", defaultValue = "1m",
            description = "With --daemon: how long to wait after a failed renewal; default ${DEFAULT-VALUE}.")
    String retryAfter;

    @Mixin
    CaConnectionOptions connection;

    RenewCommand(Environment environment, Clock clock) {
        super(environment, clock);
    }

    @Override
    int execute(PrintWriter stdout, PrintWriter err) {
        Path target = out != null ? out : crt;
        Duration retry = TimeArgs.duration(retryAfter, "--retry-after");
        if (retry.isNegative() || retry.isZero()) {
            throw CliException.usage("--retry-after must be positive");
        }
        Duration threshold = expiresIn == null ? null : TimeArgs.duration(expiresIn, "--expires-in");
        Renewal renewal = new Renewal(connection.resolve(home()), crt, key, target, clock);
        List<X509Certificate> chain = renewal.current();
        PemFiles.requireMatching(chain.get(0), PemFiles.readPrivateKey(key, "KEY"), crt, key);
        ExecHook hook = exec == null ? null : new ExecHook(exec);
        if (daemon) {
            return runDaemon(renewal, hook, retry, stdout, err);
        }
        if (threshold != null && !dueWithin(chain.get(0), threshold)) {
            stdout.println("certificate " + crt + " is not renewed: it expires at " + chain.get(0).getNotAfter().toInstant()
                    + ", later than --expires-in " + expiresIn + " from now");
            return 0;
        }
        if (!force && target.toFile().exists() && !confirmOverwrite(target)) {
            throw CliException.usage(target + " would be overwritten; use --force (or --out FILE)");
        }
        List<X509Certificate> renewed = renewal.renew();
        stdout.println("Your certificate has been saved in " + target + " (serial " + renewed.get(0).getSerialNumber()
                + ", valid until " + renewed.get(0).getNotAfter().toInstant() + ").");
        stdout.flush();
        if (hook != null) {
            hook.run();
        }
        return 0;
    }

    /** step adds a jitter of up to 1/20 so many hosts with the same cron line spread out. */
    private boolean dueWithin(X509Certificate leaf, Duration threshold) {
        long jitter = (long) (new SecureRandom().nextDouble() * threshold.dividedBy(20).toMillis());
        Instant limit = clock.instant().plus(threshold).plusMillis(jitter);
        return !leaf.getNotAfter().toInstant().isAfter(limit);
    }

    private static boolean confirmOverwrite(Path target) {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        String answer = console.readLine("Would you like to overwrite %s [y/n]: ", target);
        return answer != null && answer.trim().equalsIgnoreCase("y");
    }

    /** SIGINT/SIGTERM stop the daemon between renewals; a renewal in flight finishes first. */
    private int runDaemon(Renewal renewal, ExecHook hook, Duration retry, PrintWriter stdout, PrintWriter err) {
        RenewDaemon renewDaemon = new RenewDaemon(renewal, hook, clock, retry, new SecureRandom(), stdout, err);
        CountDownLatch finished = new CountDownLatch(1);
        Thread onSignal = new Thread(() -> {
            renewDaemon.stop();
            try {
                finished.await(CaClient.REQUEST_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "stile-renew-stop");
        Runtime.getRuntime().addShutdownHook(onSignal);
        try {
            return renewDaemon.run();
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(onSignal);
            } catch (IllegalStateException shuttingDown) {
                // The JVM is exiting because of the signal; the hook is already running.
            }
        }
    }
}
