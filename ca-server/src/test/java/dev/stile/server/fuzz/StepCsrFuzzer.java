package dev.stile.server.fuzz;

import dev.stile.authority.AuthorityException;
import dev.stile.authority.csr.CsrParser;

import java.nio.charset.StandardCharsets;

/**
 * Fuzz target: the {@code csr} of step's {@code /1.0/sign}, a PEM CERTIFICATE REQUEST, through
 * {@link CsrParser#parsePem} (PEM, DER, signature, subject and SANs). The documented refusal is
 * {@link AuthorityException} (400); anything else is a crash.
 */
public final class StepCsrFuzzer {

    private StepCsrFuzzer() {
    }

    public static void fuzzerTestOneInput(byte[] data) {
        try {
            CsrParser.parsePem(new String(data, StandardCharsets.UTF_8));
        } catch (AuthorityException refused) {
            // the documented answer to a bad request
        }
    }
}
