package dev.stile.acme.service;

/**
 * Account URLs as clients see them. The services need them for RFC 8657 {@code accounturi} CAA
 * checks and validation targets; the composition root builds them from the configured base URL
 * ({@code https://<dnsNames[0]>/acme/<prov>/account/<id>}).
 */
@FunctionalInterface
public interface AcmeUrls {

    String accountUrl(String provisioner, String accountId);
}
