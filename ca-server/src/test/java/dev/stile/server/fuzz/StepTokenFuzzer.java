package dev.stile.server.fuzz;

import dev.stile.provisioners.AuthorizationException;
import dev.stile.provisioners.token.ParsedToken;

import java.nio.charset.StandardCharsets;

/**
 * Fuzz target: the one-time token of step's {@code /1.0/sign}, {@code /1.0/revoke} and the SSH
 * routes, read as every route reads it before choosing a provisioner: parsed without verifying,
 * then its header and claims inspected. The documented refusal is {@link AuthorizationException}
 * (401); anything else is a crash.
 */
public final class StepTokenFuzzer {

    private StepTokenFuzzer() {
    }

    public static void fuzzerTestOneInput(byte[] data) {
        try {
            inspect(ParsedToken.parse(new String(data, StandardCharsets.UTF_8)));
        } catch (AuthorizationException refused) {
            // 401/400: the documented answer to a bad token
        }
    }

    private static void inspect(ParsedToken token) {
        token.keyId();
        token.algorithm();
        token.headerStrings("x5c");
        token.issuer();
        token.subject();
        token.audiences();
        token.string("jti");
        token.string("sha");
        token.expiresAt();
        token.sha256();
    }
}
