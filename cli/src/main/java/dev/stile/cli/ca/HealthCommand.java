package dev.stile.cli.ca;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stile.core.Environment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.PrintWriter;
import java.time.Clock;

/** {@code stile ca health}: {@code GET /health}, prints {@code ok}. */
@Command(name = "health", mixinStandardHelpOptions = true, description = "Check that the CA is up: prints 'ok'.")
final class HealthCommand extends CaSubcommand {

    @Mixin
    CaConnectionOptions connection;

    HealthCommand(Environment environment, Clock clock) {
        super(environment, clock);
    }

    @Override
    int execute(PrintWriter out, PrintWriter err) {
        CaClient client = connection.resolve(home()).client();
        JsonNode body = client.getJson("/health");
        JsonNode status = body.get("status");
        if (status == null || !"ok".equals(status.asText())) {
            throw CliException.refused(client.url("/health") + " says " + body);
        }
        out.println("ok");
        return 0;
    }
}
