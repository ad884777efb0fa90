package dev.stile.acme.service;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code meta} object of the directory (RFC 8555 §7.1.1, profiles draft). The HTTP layer adds
 * the resource URLs: newNonce, newAccount, newOrder, newAuthz, revokeCert, keyChange, renewalInfo.
 *
 * @param termsOfService          URL or {@code null}
 * @param website                 URL or {@code null}
 * @param caaIdentities          domain names for CAA {@code issue} records
 * @param externalAccountRequired true when new accounts need EAB
 * @param profiles               profile name → description, empty when none are offered
 */
public record DirectoryMeta(String termsOfService, String website, List<String> caaIdentities,
                            boolean externalAccountRequired, Map<String, String> profiles) {

    public static DirectoryMeta of(AcmeProvisionerSettings s) {
        Map<String, String> profiles = new LinkedHashMap<>();
        s.profiles().forEach((name, p) -> profiles.put(name, p.description()));
        return new DirectoryMeta(s.termsOfService(), s.website(), s.caaIdentities(), s.requireEab(), profiles);
    }

    /** step-ca omits {@code meta} when nothing is set; so do we. */
    public boolean isEmpty() {
        return termsOfService == null && website == null && caaIdentities.isEmpty() && !externalAccountRequired
                && profiles.isEmpty();
    }
}
