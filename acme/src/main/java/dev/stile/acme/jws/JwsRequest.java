package dev.stile.acme.jws;

import java.util.Objects;

/**
 * What the HTTP layer hands to {@link JwsVerifier}.
 *
 * @param contentType      the request's Content-Type header (may be {@code null})
 * @param body             the raw request body
 * @param url              the URL the request was sent to, as the client sees it
 *                         ({@code https://host/acme/prov/new-order}); the JWS {@code url} must equal it
 * @param provisioner      the ACME provisioner name from the path
 * @param accountUrlPrefix the account URL without the id ({@code https://host/acme/prov/account/});
 *                         a {@code kid} must start with it
 */
public record JwsRequest(String contentType, byte[] body, String url, String provisioner, String accountUrlPrefix) {

    public JwsRequest {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(provisioner, "provisioner");
        Objects.requireNonNull(accountUrlPrefix, "accountUrlPrefix");
        body = body == null ? new byte[0] : body;
    }
}
