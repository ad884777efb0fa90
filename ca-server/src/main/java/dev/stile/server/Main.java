package dev.stile.server;

/** Entry point of {@code stile.jar}; replaced by the picocli command line. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.err.println("stile: not built yet");
        System.exit(2);
    }
}
