package dev.stile.server;

import dev.stile.server.cli.StileCommand;

import java.nio.file.Path;

/**
 * Entry point of {@code stile.jar}. The only place that reads environment variables: it turns
 * them into an {@link Environment} handed to the commands.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(StileCommand.run(environment(), args));
    }

    static Environment environment() {
        String home = System.getenv("STILE_HOME");
        Path stileHome = home != null && !home.isBlank() ? Path.of(home)
                : Path.of(System.getProperty("user.home"), ".stile");
        String client = System.getenv("STILE_CLIENT_HOME");
        Path clientHome = client != null && !client.isBlank() ? Path.of(client).toAbsolutePath().normalize()
                : Environment.defaultClientHome();
        return new Environment(stileHome.toAbsolutePath().normalize(), clientHome);
    }
}
