package dev.stile.server.e2e;

import dev.stile.testsupport.Requirements;

/**
 * Every outside program a client test class needs, checked before anything starts, so that a
 * machine without them skips the class with the Debian package to install (CI=true fails instead).
 */
final class E2eRequirements {

    private E2eRequirements() {
    }

    static void certbot() {
        Requirements.program("certbot", "certbot");
        common();
    }

    static void lego() {
        Requirements.program("lego", "lego");
        common();
    }

    /** Knot DNS and openssl only, for tests whose client is in-process (acme4j). */
    static void knot() {
        common();
    }

    private static void common() {
        Requirements.program("knotd", "knot");
        Requirements.program("knsupdate", "knot-dnsutils");
        Requirements.program("openssl", "openssl");
    }
}
