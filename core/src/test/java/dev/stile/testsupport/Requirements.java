package dev.stile.testsupport;

import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.util.Optional;

/**
 * Tests that need an outside program or service call these. On a developer machine a missing
 * program skips the test with a message naming the Debian package that provides it; under CI
 * ({@code CI=true}) it fails, so CI proves everything.
 */
public final class Requirements {

    /** JDBC URL (with user and password) of a PostgreSQL database the tests may use freely. */
    public static final String POSTGRES_URL_ENV = "STILE_TEST_POSTGRES_URL";

    private Requirements() {
    }

    public static boolean isCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /**
     * Returns the absolute path of {@code program} on the PATH, or skips (fails under CI).
     *
     * @param program       the executable, e.g. {@code certbot}
     * @param debianPackage the package that installs it, e.g. {@code certbot}
     */
    public static String program(String program, String debianPackage) {
        Optional<String> found = findOnPath(program);
        require(found.isPresent(), program + " is not installed (apt-get install " + debianPackage + ")");
        return found.get();
    }

    /** The PostgreSQL test database URL, or skip (fail under CI). */
    public static String postgresUrl() {
        String url = System.getenv(POSTGRES_URL_ENV);
        require(url != null && !url.isBlank(),
                POSTGRES_URL_ENV + " is not set: install and start PostgreSQL (apt-get install postgresql) "
                        + "and point it at a test database, as .ci/run does");
        return url;
    }

    public static Optional<String> findOnPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            File f = new File(dir, program);
            if (f.isFile() && f.canExecute()) {
                return Optional.of(f.getAbsolutePath());
            }
        }
        for (String dir : new String[] {"/usr/sbin", "/usr/bin", "/sbin"}) {
            File f = new File(dir, program);
            if (f.isFile() && f.canExecute()) {
                return Optional.of(f.getAbsolutePath());
            }
        }
        return Optional.empty();
    }

    private static void require(boolean present, String message) {
        if (present) {
            return;
        }
        if (isCi()) {
            throw new AssertionError("CI=true but " + message);
        }
        Assumptions.abort(message);
    }
}
