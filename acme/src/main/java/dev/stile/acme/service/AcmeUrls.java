package dev.stile.acme.service;

/**
 * Account URLs as clients see them. The services need them for RFC 8657 {@code accounturi} CAA
 * checks and validation targets; the composition root builds them from the configured base URL
 * ({@code https://<dnsNames[0]>/acme/<prov>/account/<id>}).
 */
@FunctionalInterface
public interface AcmeUrls {

    String accountUrl(String provisioner, String accountId);

    /**
     * Every URL a client may hold for the account: links use the Host the client asked for, so a
     * CA with several DNS names has one per name. {@link #accountUrl} first.
     */
    default java.util.List<String> accountUrls(String provisioner, String accountId) {
        return java.util.List.of(accountUrl(provisioner, accountId));
    }
}
