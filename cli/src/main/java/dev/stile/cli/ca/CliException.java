package dev.stile.cli.ca;

/**
 * A failure of a {@code stile ca} command, already phrased as the one line the operator sees
 * after {@code stile: }. The exit code tells scripts what went wrong: 2 for a usage or file
 * problem on this machine, 1 when the CA refused or could not be reached.
 */
public final class CliException extends RuntimeException {

    /** Bad flags, unreadable or malformed files, wrong passwords: fix the command line. */
    public static final int USAGE = 2;
    /** The CA said no, answered nonsense, or was unreachable: look at the CA. */
    public static final int REFUSED = 1;

    private final int exitCode;

    private CliException(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public static CliException usage(String message) {
        return new CliException(message, USAGE, null);
    }

    public static CliException usage(String message, Throwable cause) {
        return new CliException(message, USAGE, cause);
    }

    public static CliException refused(String message) {
        return new CliException(message, REFUSED, null);
    }

    public static CliException refused(String message, Throwable cause) {
        return new CliException(message, REFUSED, cause);
    }

    public int exitCode() {
        return exitCode;
    }
}
