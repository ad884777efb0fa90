package dev.stile.provisioners;

import java.time.Duration;
import java.util.Optional;

/**
 * A Stile extension to step-ca's ACME provisioner: a named profile an ACME client may ask for in
 * new-order ({@code "profile": "shortlived"}), listed in the directory's {@code meta.profiles}.
 *
 * @param name               the profile name
 * @param description        human-readable text for the directory
 * @param defaultTlsDuration lifetime of certificates under this profile, or empty for the
 *                           provisioner's {@code defaultTLSCertDuration}
 * @param authorizationReuse how long after validation an authorization may serve a new order of
 *                           this profile ({@code authorizationReuse}), or empty for as long as it is valid
 */
public record AcmeProfile(String name, String description, Optional<Duration> defaultTlsDuration,
                          Optional<Duration> authorizationReuse) {

    public AcmeProfile(String name, String description, Optional<Duration> defaultTlsDuration) {
        this(name, description, defaultTlsDuration, Optional.empty());
    }
}
