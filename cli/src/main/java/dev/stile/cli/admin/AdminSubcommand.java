package dev.stile.cli.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stile.core.Environment;
import dev.stile.cli.ca.CliException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;

/**
 * Common frame of the {@code stile admin} commands: the stored session, {@code --json}, and one
 * line {@code stile: ...} on stderr for every failure (exit 2 for usage and files, 1 when the CA
 * refused or was unreachable); never a stack trace.
 */
abstract class AdminSubcommand implements Callable<Integer> {

    static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print the CA's JSON answer instead of a table (for scripts).")
    boolean json;

    final Environment environment;
    final Clock clock;

    AdminSubcommand(Environment environment, Clock clock) {
        this.environment = environment;
        this.clock = clock;
    }

    abstract int execute(PrintWriter out, PrintWriter err) throws Exception;

    SessionFile sessionFile() {
        return new SessionFile(environment.clientHome());
    }

    /** The API as the logged-in admin. */
    AdminApi api() {
        SessionFile file = sessionFile();
        SessionFile.Session s = file.read().orElseThrow(() -> CliException.usage(
                "not logged in: run 'stile admin login --ca-url URL --root FILE --provisioner NAME' first (no "
                        + file.path() + ")"));
        if (!s.expiresAt().isAfter(clock.instant())) {
            throw CliException.usage("the admin session in " + file.path() + " expired at " + s.expiresAt()
                    + "; run 'stile admin login' again");
        }
        return AdminApi.withSession(s);
    }

    /** {@code --json}: the answer as the CA sent it, pretty-printed. */
    boolean printedJson(PrintWriter out, JsonNode answer) throws Exception {
        if (json) {
            out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(answer));
        }
        return json;
    }

    /** Tells how to get the next page, on stderr so that stdout stays the table. */
    static void nextPage(PrintWriter err, JsonNode answer) {
        String next = answer.path("nextCursor").asText("");
        if (!next.isEmpty()) {
            err.println("more: repeat with --cursor " + next);
        }
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
            String message = firstLine(e.getMessage());
            if (message.contains("(HTTP 401)")) {
                message += " (the admin session expired or was revoked: run 'stile admin login' again)";
            }
            err.println("stile: " + message);
            err.flush();
            return e.exitCode();
        } catch (Exception e) {
            out.flush();
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            err.println("stile: " + firstLine(message));
            err.flush();
            return CliException.USAGE;
        }
    }

    static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).trim();
    }
}
