package dev.stile.cli.ca;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stile.core.Environment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.PrintWriter;
import java.time.Clock;

/** {@code stile ca roots}: {@code GET /roots}, prints the PEM root certificates. */
@Command(name = "roots", mixinStandardHelpOptions = true, description = "Print the CA's root certificates (PEM).")
final class RootsCommand extends CaSubcommand {

    @Mixin
    CaConnectionOptions connection;

    RootsCommand(Environment environment, Clock clock) {
        super(environment, clock);
    }

    @Override
    int execute(PrintWriter out, PrintWriter err) {
        CaClient client = connection.resolve(home()).client();
        JsonNode crts = client.getJson("/roots").get("crts");
        if (crts == null || !crts.isArray() || crts.isEmpty()) {
            throw CliException.refused(client.url("/roots") + " answered without certificates in \"crts\"");
        }
        for (JsonNode pem : crts) {
            String text = pem.asText();
            out.print(text.endsWith("\n") ? text : text + "\n");
        }
        return 0;
    }
}
