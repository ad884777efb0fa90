package dev.stile.acme.service;

import dev.stile.acme.problem.AcmeException;
import dev.stile.acme.problem.ProblemDocument;

/**
 * Key change to a key that another account already uses (RFC 8555 §7.3.5): the HTTP layer answers
 * 409 Conflict with {@code Location} = that account's URL.
 */
public final class KeyConflictException extends AcmeException {

    private final String existingAccountId;

    public KeyConflictException(String existingAccountId) {
        super(new ProblemDocument(dev.stile.acme.problem.AcmeProblem.MALFORMED.type(),
                "the new key is already the key of another account", 409, null, null));
        this.existingAccountId = existingAccountId;
    }

    /** The id of the account that has the key (for the Location header). */
    public String existingAccountId() {
        return existingAccountId;
    }
}
