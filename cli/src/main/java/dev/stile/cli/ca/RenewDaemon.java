package dev.stile.cli.ca;

import java.io.PrintWriter;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@code stile ca renew --daemon}: keeps a certificate fresh as {@code step ca renew --daemon}
 * does. It renews when about a third of the lifetime is left (two thirds elapsed), earlier by a
 * random jitter of up to 1/20 of the lifetime so a fleet does not hit the CA at once; on any error
 * (CA down or restarting, network) it logs one line and tries again after {@code retryAfter}.
 * The certificate file is re-read before each decision, so a file replaced by hand is honoured.
 */
final class RenewDaemon {

    /** Waits are cut into slices so that a suspended laptop or a clock step is noticed soon. */
    private static final Duration MAX_SLICE = Duration.ofMinutes(1);

    private final Renewal renewal;
    private final ExecHook exec;
    private final Clock clock;
    private final Duration retryAfter;
    private final Random random;
    private final PrintWriter out;
    private final PrintWriter err;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private volatile boolean stopped;

    RenewDaemon(Renewal renewal, ExecHook exec, Clock clock, Duration retryAfter, Random random,
                PrintWriter out, PrintWriter err) {
        this.renewal = renewal;
        this.exec = exec;
        this.clock = clock;
        this.retryAfter = retryAfter;
        this.random = random;
        this.out = out;
        this.err = err;
    }

    /**
     * When to renew: {@code notAfter - lifetime/3 - jitter}, jitter uniformly in [0, lifetime/20).
     *
     * @param jitter a number in [0, 1)
     */
    static Instant renewalTime(X509Certificate certificate, double jitter) {
        Instant notBefore = certificate.getNotBefore().toInstant();
        Instant notAfter = certificate.getNotAfter().toInstant();
        Duration lifetime = Duration.between(notBefore, notAfter);
        Duration early = lifetime.dividedBy(3).plus(Duration.ofNanos((long) (lifetime.dividedBy(20).toNanos() * jitter)));
        return notAfter.minus(early);
    }

    /** Runs until {@link #stop()} or an interrupt; returns the exit code (0). */
    int run() {
        while (!stopped) {
            Instant next;
            try {
                List<X509Certificate> chain = renewal.current();
                next = renewalTime(chain.get(0), random.nextDouble());
                log("certificate " + chain.get(0).getSerialNumber() + " expires " + chain.get(0).getNotAfter().toInstant()
                        + "; next renewal at " + next.truncatedTo(ChronoUnit.SECONDS));
            } catch (CliException e) {
                fail(e.getMessage());
                next = clock.instant().plus(retryAfter);
            }
            if (!sleepUntil(next)) {
                break;
            }
            try {
                List<X509Certificate> renewed = renewal.renew();
                log("renewed " + renewal.output() + ": serial " + renewed.get(0).getSerialNumber() + ", valid until "
                        + renewed.get(0).getNotAfter().toInstant());
            } catch (CliException e) {
                fail("renewal failed: " + e.getMessage() + "; retrying in " + retryAfter.toSeconds() + " s");
                if (!sleepUntil(clock.instant().plus(retryAfter))) {
                    break;
                }
                continue;
            }
            if (exec != null) {
                try {
                    exec.run();
                } catch (CliException e) {
                    fail(e.getMessage());
                }
            }
        }
        log("stopped");
        return 0;
    }

    /** Ends {@link #run()} at its next wait (from a signal handler or another thread). */
    void stop() {
        stopped = true;
        lock.lock();
        try {
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** @return false when stopped or interrupted while waiting */
    private boolean sleepUntil(Instant when) {
        lock.lock();
        try {
            while (!stopped) {
                Duration left = Duration.between(clock.instant(), when);
                if (left.isNegative() || left.isZero()) {
                    return true;
                }
                Duration slice = left.compareTo(MAX_SLICE) > 0 ? MAX_SLICE : left;
                wake.await(Math.max(1, slice.toMillis()), TimeUnit.MILLISECONDS);
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = true;
            return false;
        } finally {
            lock.unlock();
        }
    }

    private void log(String line) {
        out.println(clock.instant().truncatedTo(ChronoUnit.SECONDS) + " " + line);
        out.flush();
    }

    private void fail(String line) {
        err.println("stile: " + clock.instant().truncatedTo(ChronoUnit.SECONDS) + " " + ClientHome.firstLine(line));
        err.flush();
    }
}
