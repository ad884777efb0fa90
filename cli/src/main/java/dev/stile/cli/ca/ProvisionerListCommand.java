package dev.stile.cli.ca;

import dev.stile.core.Environment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.PrintWriter;
import java.time.Clock;

/** {@code stile ca provisioner list}: every provisioner (all pages) as one JSON array, as step prints it. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "Print all provisioners as a JSON array.")
final class ProvisionerListCommand extends CaSubcommand {

    @Mixin
    CaConnectionOptions connection;

    ProvisionerListCommand(Environment environment, Clock clock) {
        super(environment, clock);
    }

    @Override
    int execute(PrintWriter out, PrintWriter err) {
        CaClient client = connection.resolve(home()).client();
        out.println(GoStyleJson.write(ProvisionerCatalog.list(client)));
        return 0;
    }
}
