package dev.stile.server.cli;

import dev.stile.core.Environment;
import dev.stile.server.Version;
import dev.stile.cli.admin.AdminCommand;
import dev.stile.cli.ca.CaCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;

/** {@code stile}: the top-level command; the work is done by its subcommands. */
@Command(name = "stile", mixinStandardHelpOptions = true, versionProvider = StileCommand.VersionProvider.class,
        description = "A lightweight certificate authority with ACME and a step-ca compatible API.",
        subcommands = {CommandLine.HelpCommand.class})
public final class StileCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * Builds the server's command line. {@code ca} and {@code admin} appear in its help only: the
     * client commands live in the cli module, and {@code Main} runs them there before this tree is
     * built, so that starting the server never loads their classes.
     */
    public static CommandLine commandLine(Environment environment) {
        CommandLine cl = new CommandLine(new StileCommand());
        cl.addSubcommand(new InitCommand());
        cl.addSubcommand(new ServeCommand(environment));
        cl.addSubcommand(new DbCommand(environment));
        cl.addSubcommand(new DoctorCommand());
        cl.addSubcommand(listedOnly(CaCommand.NAME, CaCommand.DESCRIPTION));
        cl.addSubcommand(listedOnly(AdminCommand.NAME, AdminCommand.DESCRIPTION));
        cl.setExecutionExceptionHandler(StileCommand::oneLine);
        cl.setParameterExceptionHandler(StileCommand::badUsage);
        return cl;
    }

    /** Runs and returns the exit code: 0 ok, 2 for every error (one line on stderr). */
    public static int run(Environment environment, String... args) {
        return commandLine(environment).execute(args);
    }

    /**
     * A client command as {@code stile --help} lists it. Its name and description are compile-time
     * constants, copied here by javac, so listing it loads nothing of the cli module; running it
     * here means {@code Main} was bypassed.
     */
    private static CommandLine listedOnly(String name, String description) {
        Runnable misrouted = () -> {
            throw new IllegalStateException("'stile " + name + "' runs through dev.stile.server.Main, not the server's commands");
        };
        CommandSpec spec = CommandSpec.wrapWithoutInspection(misrouted).name(name);
        spec.usageMessage().description(description);
        return new CommandLine(spec);
    }

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

    /** {@code stile --version}. */
    public static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"stile " + Version.get()};
        }
    }
}
