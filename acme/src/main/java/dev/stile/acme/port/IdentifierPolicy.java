package dev.stile.acme.port;

import dev.stile.acme.model.Identifier;

import java.util.List;

/**
 * The CA's naming policy (provisioner and authority x509 allow/deny rules), asked at newOrder so a
 * client learns that a name is refused before it sets up any challenge, as step-ca does.
 */
@FunctionalInterface
public interface IdentifierPolicy {

    /** Admits every identifier: no policy configured. */
    IdentifierPolicy ALLOW_ALL = (provisioner, identifiers) -> null;

    /**
     * @param provisioner the ACME provisioner's name
     * @param identifiers the order's identifiers
     * @return {@code null} when every identifier is allowed, else one sentence naming the refused one
     */
    String refusal(String provisioner, List<Identifier> identifiers);
}
