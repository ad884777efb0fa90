package dev.stile.server.cli.ca;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.stile.server.Environment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.PrintWriter;
import java.time.Clock;

/** {@code stile ca provisioner list}: every provisioner (all pages) as one JSON array, as step prints it. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "Print all provisioners as a JSON array.")
final class ProvisionerListCommand extends CaSubcommand {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Mixin
    CaConnectionOptions connection;

    ProvisionerListCommand(Environment environment, Clock clock) {
        super(environment, clock);
    }

    @Override
    int execute(PrintWriter out, PrintWriter err) {
        CaClient client = connection.resolve(home()).client();
        try {
            out.println(JSON.writeValueAsString(ProvisionerCatalog.list(client)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot print the provisioners: " + e.getMessage(), e);
        }
        return 0;
    }
}
