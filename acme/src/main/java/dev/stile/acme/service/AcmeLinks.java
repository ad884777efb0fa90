package dev.stile.acme.service;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Every URL of one provisioner's ACME server, in step-ca's layout
 * ({@code <base>/acme/<prov>/...}; RFC 8555 leaves paths to the server). The HTTP layer creates
 * one per request from the configured or requested host; {@link #accountUrls(String)} gives the
 * services' {@link AcmeUrls}.
 *
 * @param base        {@code https://host[:port]} without a trailing slash
 * @param provisioner the provisioner name (path-escaped here)
 */
public record AcmeLinks(String base, String provisioner) {

    private String prefix() {
        return base + "/acme/" + URLEncoder.encode(provisioner, StandardCharsets.UTF_8).replace("+", "%20") + "/";
    }

    public String directory() { return prefix() + "directory"; }
    public String newNonce() { return prefix() + "new-nonce"; }
    public String newAccount() { return prefix() + "new-account"; }
    public String newOrder() { return prefix() + "new-order"; }
    public String newAuthz() { return prefix() + "new-authz"; }
    public String revokeCert() { return prefix() + "revoke-cert"; }
    public String keyChange() { return prefix() + "key-change"; }
    /** The ARI base; a certificate's resource is {@code renewalInfo() + "/" + certID}. */
    public String renewalInfo() { return prefix() + "renewal-info"; }
    /** The prefix a {@code kid} must start with; see {@link dev.stile.acme.jws.JwsRequest}. */
    public String accountPrefix() { return prefix() + "account/"; }
    public String account(String id) { return accountPrefix() + id; }
    /** The dns-persist-01 accountHashPrefix (draft-ietf-acme-dns-persist-02 §4.1); see {@link dev.stile.acme.validation.dns.HashedAccountUri#prefixFor}. */
    public String accountHashPrefix() { return prefix() + dev.stile.acme.validation.dns.HashedAccountUri.PREFIX_SEGMENT; }
    public String accountOrders(String id) { return account(id) + "/orders"; }
    public String order(String id) { return prefix() + "order/" + id; }
    public String finalizeOrder(String id) { return order(id) + "/finalize"; }
    public String authz(String id) { return prefix() + "authz/" + id; }
    public String challenge(String authzId, String challengeId) { return prefix() + "challenge/" + authzId + "/" + challengeId; }
    public String certificate(String id) { return prefix() + "certificate/" + id; }

    /** Account URLs under this base for any provisioner (for the services' {@link AcmeUrls}). */
    public static AcmeUrls accountUrls(String base) {
        return (prov, id) -> new AcmeLinks(base, prov).account(id);
    }
}
