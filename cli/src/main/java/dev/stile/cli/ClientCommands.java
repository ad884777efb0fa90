package dev.stile.cli;

import dev.stile.cli.admin.AdminCommand;
import dev.stile.cli.ca.CaCommand;
import dev.stile.core.Environment;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/**
 * {@code stile ca ...} and {@code stile admin ...}: the client commands under a root named
 * {@code stile}, so their help ("Usage: stile ca ...") and their errors read exactly as they did
 * when the server's command tree held them. The server's {@code Main} hands over the arguments
 * whose first word is {@link CaCommand#NAME} or {@link AdminCommand#NAME} (also after
 * {@code help}) before it builds its own tree, so {@code stile serve} loads none of these classes.
 */
@Command(name = "stile", subcommands = {CommandLine.HelpCommand.class})
public final class ClientCommands implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private ClientCommands() {
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code stile} with only the client subcommands, errors handled as {@link #run} describes. */
    public static CommandLine commandLine(Environment environment) {
        return commandLine(environment, true, true);
    }

    private static CommandLine commandLine(Environment environment, boolean ca, boolean admin) {
        CommandLine cl = new CommandLine(new ClientCommands());
        if (ca) {
            cl.addSubcommand(CaCommand.commandLine(environment));
        }
        if (admin) {
            cl.addSubcommand(AdminCommand.commandLine(environment));
        }
        cl.setExecutionExceptionHandler(ClientCommands::oneLine);
        cl.setParameterExceptionHandler(ClientCommands::badUsage);
        return cl;
    }

    /**
     * Runs {@code stile ARGS} and returns the exit code: 0 ok, 2 for every error (one line on
     * stderr), or the code a command chose (e.g. 1 when a CA refuses). Only the tree the first
     * word names is built ({@code stile ca ...} leaves out {@code stile admin}'s ~30 commands, which
     * picocli would otherwise introspect on every run of a renewal cron job); other arguments get
     * both.
     */
    public static int run(Environment environment, String... args) {
        int first = args.length > 1 && args[0].equals("help") ? 1 : 0;
        String word = args.length > first ? args[first] : "";
        boolean ca = !word.equals(AdminCommand.NAME);
        boolean admin = !word.equals(CaCommand.NAME);
        return commandLine(environment, ca, admin).execute(args);
    }

    // The two handlers below are the server's StileCommand's, written twice on purpose: sharing
    // them would make the server load this module (or put picocli into core).

    /** A wrong or missing flag: one line naming it and where to read more, exit 2 (no usage dump). */
    private static int badUsage(CommandLine.ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println("stile: " + e.getMessage() + " (see '" + cl.getCommandSpec().qualifiedName() + " --help')");
        err.flush();
        return 2;
    }

    /** Any unexpected failure still prints one line, never a stack trace. */
    private static int oneLine(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = message.indexOf('\n');
        err.println("stile: " + (nl < 0 ? message : message.substring(0, nl)));
        err.flush();
        return 2;
    }
}
