package dev.stile.server;

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
        System.exit(StileCommand.run(environment(), args));
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
