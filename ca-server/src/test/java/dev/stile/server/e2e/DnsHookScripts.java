package dev.stile.server.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The shell scripts through which certbot's manual plugin and lego's {@code exec} DNS provider
 * publish dns-01 TXT records: each sends an RFC 2136 update to {@link KnotDns} with
 * {@code knsupdate}, exactly as a user's hook would talk to their own DNS server.
 */
final class DnsHookScripts {

    private DnsHookScripts() {
    }

    /**
     * certbot's {@code --manual-auth-hook "H add"} and {@code --manual-cleanup-hook "H delete"}:
     * certbot passes the name in {@code CERTBOT_DOMAIN} and the TXT value in {@code CERTBOT_VALIDATION}.
     */
    static Path certbotHook(Path dir, KnotDns dns) {
        return write(dir.resolve("certbot-dns-hook.sh"), "#!/bin/sh\n"
                + "# certbot manual hook: $1 = add|delete; CERTBOT_DOMAIN, CERTBOT_VALIDATION from certbot.\n"
                + "set -eu\n"
                + update(dns, "$1", "_acme-challenge.${CERTBOT_DOMAIN}.", "${CERTBOT_VALIDATION}"));
    }

    /** lego's {@code EXEC_PATH}: called as {@code script present|cleanup FQDN VALUE} (FQDN ends in a dot). */
    static Path legoExec(Path dir, KnotDns dns) {
        return write(dir.resolve("lego-exec.sh"), "#!/bin/sh\n"
                + "# lego exec provider: $1 = present|cleanup|timeout, $2 = FQDN., $3 = TXT value.\n"
                + "set -eu\n"
                + "case \"$1\" in\n"
                + "  present) op=add ;;\n"
                + "  cleanup) op=delete ;;\n"
                + "  *) exit 0 ;;\n"
                + "esac\n"
                + update(dns, "$op", "$2", "$3"));
    }

    /**
     * A certbot auth hook whose record appears only {@code delaySeconds} after certbot has moved
     * on, as with a DNS provider that propagates slowly; the cleanup hook does nothing (the test
     * checks the record afterwards).
     */
    static Path certbotHookPublishingLate(Path dir, KnotDns dns, int delaySeconds) {
        return write(dir.resolve("certbot-late-hook.sh"), "#!/bin/sh\n"
                + "set -eu\n"
                + "[ \"$1\" = add ] || exit 0\n"
                + later(delaySeconds, update(dns, "add", "_acme-challenge.${CERTBOT_DOMAIN}.", "${CERTBOT_VALIDATION}")));
    }

    /** lego's {@code EXEC_PATH} whose record appears only {@code delaySeconds} after {@code present}. */
    static Path legoExecPublishingLate(Path dir, KnotDns dns, int delaySeconds) {
        return write(dir.resolve("lego-late-exec.sh"), "#!/bin/sh\n"
                + "set -eu\n"
                + "[ \"$1\" = present ] || exit 0\n"
                + later(delaySeconds, update(dns, "add", "$2", "$3")));
    }

    /** A hook that publishes nothing: the record is missing for good. */
    static Path publishingNothing(Path dir) {
        return write(dir.resolve("publish-nothing.sh"), "#!/bin/sh\n# publishes no record\nexit 0\n");
    }

    /** Runs {@code commands} in the background after a delay, detached from the client's pipes. */
    private static String later(int delaySeconds, String commands) {
        return "( sleep " + delaySeconds + "\n" + commands + ") </dev/null >/dev/null 2>&1 &\n";
    }

    private static String update(KnotDns dns, String operation, String name, String value) {
        return dns.knsupdatePath() + " <<END\n"
                + "server " + LoopbackPorts.SERVER_ADDRESS + " " + dns.port() + "\n"
                + "zone " + KnotDns.ZONE + ".\n"
                + "update " + operation + " " + name + " 60 TXT \"" + value + "\"\n"
                + "send\n"
                + "END\n";
    }

    private static Path write(Path file, String script) {
        try {
            Files.writeString(file, script);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
