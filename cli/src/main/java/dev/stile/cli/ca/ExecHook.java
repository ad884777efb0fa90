package dev.stile.cli.ca;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code --exec CMD}: runs {@code /bin/sh -c CMD} after a renewal (to reload a web server), with
 * its output passed through and a time limit, so a hanging command cannot stop later renewals.
 */
final class ExecHook {

    static final long TIMEOUT_SECONDS = 300;

    private final String command;

    ExecHook(String command) {
        this.command = command;
    }

    /** @throws CliException (refused) when the command cannot start, times out or exits non-zero */
    void run() {
        Process process;
        try {
            process = new ProcessBuilder(List.of("/bin/sh", "-c", command)).inheritIO().start();
        } catch (IOException e) {
            throw CliException.refused("--exec \"" + command + "\" cannot start: " + e.getMessage(), e);
        }
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw CliException.refused("--exec \"" + command + "\" did not finish within " + TIMEOUT_SECONDS
                        + " s and was killed");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw CliException.refused("--exec \"" + command + "\" interrupted", e);
        }
        if (process.exitValue() != 0) {
            throw CliException.refused("--exec \"" + command + "\" exited with status " + process.exitValue());
        }
    }
}
