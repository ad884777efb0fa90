package dev.stile.cli.ca;

import dev.stile.core.Environment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.time.Clock;

/**
 * {@code stile ca ...}: a client for step-ca's API (this CA's or step-ca's) with the step CLI's
 * commands and flags, for machines without {@code step}. State lives in
 * {@code $STILE_CLIENT_HOME} (default {@code ~/.stile-client}), laid out like {@code $STEPPATH}.
 */
@Command(name = CaCommand.NAME, mixinStandardHelpOptions = true, description = CaCommand.DESCRIPTION)
public final class CaCommand implements Runnable {

    // Constants (inlined by javac) so that the server's top-level help can list this command
    // without loading it.

    /** The subcommand's name under {@code stile}. */
    public static final String NAME = "ca";

    /** The one line {@code stile --help} shows for it. */
    public static final String DESCRIPTION =
            "Enroll, renew and revoke against a step-ca compatible CA, like the step CLI's 'step ca'.";

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code stile ca} with all its subcommands, for {@code ClientCommands} to register. */
    public static CommandLine commandLine(Environment environment) {
        return commandLine(environment, Clock.systemUTC());
    }

    static CommandLine commandLine(Environment environment, Clock clock) {
        CommandLine ca = new CommandLine(new CaCommand());
        ca.addSubcommand(new BootstrapCommand(environment, clock));
        ca.addSubcommand(new TokenCommand(environment, clock));
        ca.addSubcommand(new CertificateCommand(environment, clock));
        ca.addSubcommand(new RenewCommand(environment, clock));
        ca.addSubcommand(new RevokeCommand(environment, clock));
        CommandLine provisioner = new CommandLine(new ProvisionerCommand());
        provisioner.addSubcommand(new ProvisionerListCommand(environment, clock));
        ca.addSubcommand(provisioner);
        ca.addSubcommand(new RootsCommand(environment, clock));
        ca.addSubcommand(new HealthCommand(environment, clock));
        return ca;
    }

    /** {@code stile ca provisioner ...}. */
    @Command(name = "provisioner", mixinStandardHelpOptions = true, description = "Inspect the CA's provisioners.")
    static final class ProvisionerCommand implements Runnable {

        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(spec.commandLine().getOut());
        }
    }
}
