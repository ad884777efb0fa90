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
 */
public record AcmeProfile(String name, String description, Optional<Duration> defaultTlsDuration) {
}
