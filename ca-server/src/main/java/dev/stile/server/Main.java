package dev.stile.server;

import dev.stile.cli.ClientCommands;
import dev.stile.cli.admin.AdminCommand;
import dev.stile.cli.ca.CaCommand;
import dev.stile.core.Environment;
import dev.stile.server.cli.StileCommand;
import dev.stile.server.crypto.NativeCrypto;

import java.nio.file.Path;

/**
 * Entry point of {@code stile.jar}. The only place that reads environment variables: it turns
 * them into an {@link Environment} handed to the commands.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        String nativeCrypto = System.getenv(NativeCrypto.ENV);
        if (!NativeCrypto.configure(nativeCrypto)) {
            System.err.println("stile: " + NativeCrypto.ENV + " must be \"auto\" or \"off\", not \"" + nativeCrypto + "\"");
            System.exit(2);
        }
        System.exit(run(environment(), args));
    }

    /**
     * Runs {@code stile ARGS}: the client commands ({@code stile ca}, {@code stile admin}, and
     * {@code stile help ca|admin}) from the cli module, everything else from the server's own
     * command tree. Deciding on the first words before picocli builds a tree keeps the server's
     * start-up from loading (and picocli from introspecting) the client's classes.
     */
    public static int run(Environment environment, String... args) {
        return isClientCommand(args) ? ClientCommands.run(environment, args) : StileCommand.run(environment, args);
    }

    static boolean isClientCommand(String... args) {
        int first = args.length > 1 && args[0].equals("help") ? 1 : 0;
        return args.length > first && (args[first].equals(CaCommand.NAME) || args[first].equals(AdminCommand.NAME));
    }

    /**
     * What {@code ~} means in the docs: {@code $HOME} as the shell sees it. The JVM's
     * {@code user.home} comes from the password database and ignores a changed {@code HOME}.
     */
    private static Path userHome() {
        String home = System.getenv("HOME");
        return home != null && !home.isBlank() ? Path.of(home) : Path.of(System.getProperty("user.home"));
    }

    static Environment environment() {
        String home = System.getenv("STILE_HOME");
        Path stileHome = home != null && !home.isBlank() ? Path.of(home) : userHome().resolve(".stile");
        String client = System.getenv("STILE_CLIENT_HOME");
        Path clientHome = client != null && !client.isBlank() ? Path.of(client).toAbsolutePath().normalize()
                : userHome().resolve(".stile-client").toAbsolutePath().normalize();
        return new Environment(stileHome.toAbsolutePath().normalize(), clientHome);
    }
}
