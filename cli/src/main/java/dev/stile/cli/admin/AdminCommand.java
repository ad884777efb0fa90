package dev.stile.cli.admin;

import dev.stile.core.Environment;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.time.Clock;

/**
 * {@code stile admin ...}: operate a Stile CA by hand. {@code login} trades the provisioner's
 * password for a short session stored under the client home; the other commands use it, print
 * tables for people and {@code --json} for scripts. {@code console-url} signs a browser in.
 */
@Command(name = AdminCommand.NAME, mixinStandardHelpOptions = true, description = AdminCommand.DESCRIPTION)
public final class AdminCommand extends CommandGroup {

    // Constants (inlined by javac) so that the server's top-level help can list this command
    // without loading it.

    /** The subcommand's name under {@code stile}. */
    public static final String NAME = "admin";

    /** The one line {@code stile --help} shows for it. */
    public static final String DESCRIPTION = "Log in as an admin and inspect or change the CA: certificates, renewal "
            + "gaps, validation failures, orders, provisioners, admins, EAB keys, policy, and the browser console.";

    public static CommandLine commandLine(Environment environment) {
        return commandLine(environment, Clock.systemUTC());
    }

    static CommandLine commandLine(Environment e, Clock c) {
        CommandLine admin = new CommandLine(new AdminCommand());
        admin.addSubcommand(new LoginCommands.Login(e, c));
        admin.addSubcommand(new LoginCommands.Logout(e, c));
        admin.addSubcommand(new LoginCommands.ConsoleUrl(e, c));
        admin.addSubcommand(new InventoryCommands.Certificates(e, c));
        admin.addSubcommand(new InventoryCommands.Certificate(e, c));
        admin.addSubcommand(new InventoryCommands.Revoke(e, c));
        admin.addSubcommand(new InventoryCommands.RenewalGaps(e, c));
        admin.addSubcommand(new InventoryCommands.ValidationFailures(e, c));
        admin.addSubcommand(new InventoryCommands.Orders(e, c));
        admin.addSubcommand(group(new ManageCommands.Provisioners(), new ManageCommands.ProvisionersList(e, c),
                new ManageCommands.ProvisionersAdd(e, c), new ManageCommands.ProvisionersUpdate(e, c),
                new ManageCommands.ProvisionersRemove(e, c)));
        admin.addSubcommand(group(new ManageCommands.Admins(), new ManageCommands.AdminsList(e, c),
                new ManageCommands.AdminsAdd(e, c), new ManageCommands.AdminsRemove(e, c)));
        admin.addSubcommand(group(new EabPolicyCommands.Eab(), new EabPolicyCommands.EabCreate(e, c),
                new EabPolicyCommands.EabList(e, c), new EabPolicyCommands.EabRevoke(e, c)));
        admin.addSubcommand(group(new EabPolicyCommands.Policy(), new EabPolicyCommands.PolicyGet(e, c),
                new EabPolicyCommands.PolicySet(e, c), new EabPolicyCommands.PolicyRemove(e, c)));
        admin.addSubcommand(group(new ManageCommands.Sessions(), new ManageCommands.SessionsList(e, c),
                new ManageCommands.SessionsRevoke(e, c)));
        return admin;
    }

    private static CommandLine group(CommandGroup parent, Object... children) {
        CommandLine cl = new CommandLine(parent);
        for (Object child : children) {
            cl.addSubcommand(child);
        }
        return cl;
    }
}
