package dev.stile.server.crypto;

import dev.stile.authority.crypto.CryptoProviders;
import org.slf4j.LoggerFactory;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Provider;
import java.util.Locale;
import java.util.Optional;

/**
 * Puts the native crypto provider (Amazon Corretto Crypto Provider, AWS-LC) in front of
 * BouncyCastle when this machine can run it, once per process, and says which one serves
 * signatures. The provider comes from a per-platform jar beside {@code stile.jar}
 * ({@code crypto/stile-crypto-linux-x86_64.jar} or {@code crypto/stile-crypto-linux-aarch_64.jar}):
 * one shaded jar cannot hold both native libraries, which sit at the same path in each.
 *
 * <p>Anything short of "loaded and self-test passed" leaves BouncyCastle in charge: another OS or
 * architecture, a missing jar, a C library the native code cannot link against (musl), a
 * {@code /tmp} mounted noexec, or {@code STILE_NATIVE_CRYPTO=off}.
 */
public final class NativeCrypto {

    /** The environment variable that turns the native provider off ({@code off}) for diagnosis. */
    public static final String ENV = "STILE_NATIVE_CRYPTO";

    private static volatile boolean enabled = true;
    private static Outcome outcome;
    private static boolean logged;

    /** What start-up decided: the provider serving signatures and why. */
    public record Outcome(String provider, String detail) {

        /** The one start-up line. */
        public String logLine() {
            return "signatures are made and checked by " + provider + " (" + detail + ")";
        }
    }

    private NativeCrypto() {
    }

    /**
     * Reads {@code STILE_NATIVE_CRYPTO}: {@code off} (or {@code false}, {@code 0}, {@code bc})
     * keeps BouncyCastle; unset, {@code auto} or {@code on} uses the native provider where it runs.
     *
     * @return false when the value is not one of these (the caller reports it)
     */
    public static boolean configure(String value) {
        if (value == null || value.isBlank()) {
            enabled = true;
            return true;
        }
        switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "auto", "on", "true", "1" -> enabled = true;
            case "off", "false", "0", "bc", "bouncycastle" -> enabled = false;
            default -> {
                return false;
            }
        }
        return true;
    }

    /** Decides once per process, logs the decision at INFO (once) and returns it. */
    public static synchronized Outcome installOnce() {
        decide();
        if (!logged) {
            logged = true;
            // Looked up here, not in a static field: Main reads STILE_NATIVE_CRYPTO for every
            // command, and the client commands start faster without initialising logging.
            LoggerFactory.getLogger(NativeCrypto.class).info(outcome.logLine());
        }
        return outcome;
    }

    /**
     * Starts deciding on a background thread and returns at once: unpacking the native library
     * and its self-test (~0.4 s on a 2-core machine) then overlap the rest of start-up instead of
     * preceding it. {@link #installOnce()} waits for it and logs the decision.
     */
    public static void installAhead() {
        Thread thread = new Thread(NativeCrypto::decide, "native-crypto-load");
        thread.setDaemon(true);
        thread.start();
    }

    private static synchronized void decide() {
        if (outcome == null) {
            outcome = install(enabled, platform(System.getProperty("os.name"), System.getProperty("os.arch")),
                    cryptoDirectory(), new ProviderJar());
        }
    }

    /**
     * Loads the native provider from {@code directory} (benchmarks and tools that do not run from
     * beside {@code stile.jar}); does not log.
     */
    public static Outcome installFrom(Path directory) {
        return install(true, platform(System.getProperty("os.name"), System.getProperty("os.arch")),
                Optional.of(directory), new ProviderJar());
    }

    /** The decision made at start-up, or null before {@link #installOnce()}. */
    public static synchronized Outcome outcome() {
        return outcome;
    }

    /** Loads a native provider from a jar; throws with a one-line reason when it cannot be used. */
    interface Loader {
        Provider load(Path jar) throws Exception;
    }

    static Outcome install(boolean enabled, Optional<String> platform, Optional<Path> directory, Loader loader) {
        String bc = CryptoProviders.bouncyCastle().getName();
        if (!enabled) {
            return new Outcome(bc, "native provider turned off by " + ENV);
        }
        if (platform.isEmpty()) {
            return new Outcome(bc, "no native provider for " + System.getProperty("os.name") + " "
                    + System.getProperty("os.arch"));
        }
        Path jar = directory.map(d -> d.resolve("stile-crypto-" + platform.get() + ".jar")).orElse(null);
        if (jar == null || !Files.isRegularFile(jar)) {
            return new Outcome(bc, "native provider jar " + (jar == null ? "crypto/stile-crypto-" + platform.get()
                    + ".jar" : jar) + " not found");
        }
        Provider provider;
        try {
            provider = loader.load(jar);
        } catch (Exception | LinkageError e) {
            return new Outcome(bc, "native provider from " + jar + " not used: " + oneLine(e));
        }
        CryptoProviders.useNative(provider);
        return new Outcome(provider.getName(), "version " + provider.getVersionStr() + ", " + platform.get() + ", self-test passed");
    }

    /** {@code linux-x86_64} or {@code linux-aarch_64}, the classifiers ACCP is built for. */
    static Optional<String> platform(String osName, String osArch) {
        if (osName == null || osArch == null || !osName.toLowerCase(Locale.ROOT).startsWith("linux")) {
            return Optional.empty();
        }
        return switch (osArch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> Optional.of("linux-x86_64");
            case "aarch64", "arm64" -> Optional.of("linux-aarch_64");
            default -> Optional.empty();
        };
    }

    /**
     * {@code crypto/} beside the code Stile runs from: {@code target/crypto} for both
     * {@code target/stile.jar} and {@code target/classes}, {@code /opt/stile/crypto} in the image.
     */
    static Optional<Path> cryptoDirectory() {
        try {
            var source = NativeCrypto.class.getProtectionDomain().getCodeSource();
            if (source == null) {
                return Optional.empty();
            }
            Path location = Path.of(source.getLocation().toURI());
            Path parent = location.toAbsolutePath().getParent();
            return parent == null ? Optional.empty() : Optional.of(parent.resolve("crypto"));
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static String oneLine(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t && (t.getMessage() == null
                || t instanceof java.lang.reflect.InvocationTargetException)) {
            t = t.getCause();
        }
        String m = t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
        int nl = m.indexOf('\n');
        return nl > 0 ? m.substring(0, nl) : m;
    }
}
