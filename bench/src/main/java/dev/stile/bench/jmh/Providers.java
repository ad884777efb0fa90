package dev.stile.bench.jmh;

import dev.stile.server.crypto.NativeCrypto;

import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * The provider parameter of the benchmarks: {@code BC} (BouncyCastle, as before), {@code SunEC}
 * where it applies, or {@code AmazonCorrettoCryptoProvider}, loaded the way {@code stile serve}
 * loads it, from {@code ca-server/target/crypto/} (JMH forks a JVM per parameter, so it never
 * leaks into the other parameters' runs).
 */
final class Providers {

    static final String NATIVE = "AmazonCorrettoCryptoProvider";

    private Providers() {
    }

    /** Puts the native provider first when the parameter asks for it; fails the set-up if it cannot. */
    static void install(String provider) {
        if (!NATIVE.equals(provider)) {
            return;
        }
        NativeCrypto.Outcome outcome = NativeCrypto.installFrom(cryptoDirectory());
        if (!NATIVE.equals(outcome.provider())) {
            throw new IllegalStateException(outcome.logLine());
        }
    }

    /** {@code <repository>/ca-server/target/crypto}, from {@code bench/target/benchmarks.jar}. */
    private static Path cryptoDirectory() {
        try {
            Path jar = Path.of(Providers.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return jar.toAbsolutePath().getParent().getParent().getParent().resolve("ca-server/target/crypto");
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
