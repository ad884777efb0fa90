package dev.stile.server;

import dev.stile.cli.ClientCommands;
import dev.stile.core.Environment;
import dev.stile.server.cli.StileCommand;
import dev.stile.admin.FirstSuperAdmin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Main} sends {@code ca}, {@code admin} (and {@code help ca|admin}) to the cli module and
 * everything else to the server's commands, whose help still lists the client commands as they
 * describe themselves.
 */
class MainDispatchTest {

    @TempDir
    Path dir;

    @Test
    void theFirstWordsDecideWhichTreeRuns() {
        assertThat(Main.isClientCommand("ca", "bootstrap")).isTrue();
        assertThat(Main.isClientCommand("admin")).isTrue();
        assertThat(Main.isClientCommand("help", "ca")).isTrue();
        assertThat(Main.isClientCommand("help", "admin", "login")).isTrue();
        assertThat(Main.isClientCommand()).isFalse();
        assertThat(Main.isClientCommand("help")).isFalse();
        assertThat(Main.isClientCommand("serve", "ca")).isFalse();
        assertThat(Main.isClientCommand("init", "--name", "ca")).isFalse();
        assertThat(Main.isClientCommand("--help")).isFalse();
        assertThat(Main.isClientCommand("help", "serve")).isFalse();
    }

    @Test
    void aClientRunBuildsOnlyTheTreeItsFirstWordNamesAndBothStillAnswerHelp() {
        Environment environment = new Environment(dir.resolve("home"), dir.resolve("client"));
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.PrintStream saved = System.out;
        System.setOut(new java.io.PrintStream(out, true));
        try {
            assertThat(ClientCommands.run(environment, "help", "admin")).isZero();
            assertThat(ClientCommands.run(environment, "ca", "--help")).isZero();
            assertThat(ClientCommands.run(environment, "admin", "login", "--help")).isZero();
        } finally {
            System.setOut(saved);
        }
        assertThat(out.toString()).contains("Usage: stile admin").contains("Usage: stile ca")
                .contains("health").contains("Usage: stile admin login");
    }

    @Test
    void theServersHelpListsTheClientCommandsWithTheirOwnDescriptions() {
        Environment environment = new Environment(dir.resolve("home"), dir.resolve("client"));
        CommandLine server = StileCommand.commandLine(environment);
        CommandLine client = ClientCommands.commandLine(environment);
        assertThat(server.getSubcommands().keySet()).containsSequence("doctor", "ca", "admin");
        for (String name : new String[] {"ca", "admin"}) {
            assertThat(server.getSubcommands().get(name).getCommandSpec().usageMessage().description())
                    .containsExactly(client.getSubcommands().get(name).getCommandSpec().usageMessage().description());
        }
    }

    @Test
    void aClientCommandReachingTheServersTreeFailsInOneLine() {
        StringWriter err = new StringWriter();
        CommandLine server = StileCommand.commandLine(new Environment(dir.resolve("home"), dir.resolve("client")));
        server.setErr(new PrintWriter(err, true));
        assertThat(server.execute("ca")).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("stile: 'stile ca' runs through dev.stile.server.Main, not the server's commands\n");
    }

    @Test
    void adminLoginActsAsTheAdminThatInitCreatesByDefault() {
        StringWriter out = new StringWriter();
        CommandLine client = ClientCommands.commandLine(new Environment(dir.resolve("home"), dir.resolve("client")));
        client.setOut(new PrintWriter(out, true));
        assertThat(client.execute("admin", "login", "--help")).isZero();
        assertThat(out.toString()).contains("default: " + FirstSuperAdmin.DEFAULT_SUBJECT + ", the one");
    }
}
