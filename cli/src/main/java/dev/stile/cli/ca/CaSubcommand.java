package dev.stile.cli.ca;

import dev.stile.core.Environment;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;

/**
 * Common frame of the {@code stile ca} commands: runs the work and turns every failure into one
 * line {@code stile: ...} on stderr with exit code 2 (usage, files) or 1 (the CA refused or was
 * unreachable); never a stack trace.
 */
abstract class CaSubcommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    final Environment environment;
    final Clock clock;

    CaSubcommand(Environment environment, Clock clock) {
        this.environment = environment;
        this.clock = clock;
    }

    /** Does the work; returns the exit code (0 on success). */
    abstract int execute(PrintWriter out, PrintWriter err);

    ClientHome home() {
        return new ClientHome(environment.clientHome());
    }

    @Override
    public final Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            int code = execute(out, err);
            out.flush();
            return code;
        } catch (CliException e) {
            out.flush();
            err.println("stile: " + ClientHome.firstLine(e.getMessage()));
            err.flush();
            return e.exitCode();
        } catch (RuntimeException e) {
            out.flush();
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            err.println("stile: " + ClientHome.firstLine(message));
            err.flush();
            return CliException.USAGE;
        }
    }
}
