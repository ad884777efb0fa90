package dev.stile.server.http.acme;

import dev.stile.acme.jws.JwsVerifier;
import dev.stile.acme.nonce.NonceService;
import dev.stile.acme.service.AccountService;
import dev.stile.acme.service.AuthorizationService;
import dev.stile.acme.service.CertificateService;
import dev.stile.acme.service.ChallengeService;
import dev.stile.acme.service.FinalizeService;
import dev.stile.acme.service.OrderService;
import dev.stile.acme.service.RenewalInfoService;

import java.util.Objects;

/**
 * The ACME services the HTTP layer calls, one per resource family. Built by the composition root
 * ({@code AcmeWiring}); the HTTP layer holds no state of its own.
 */
public record AcmeApi(
        AcmeProvisioners provisioners,
        NonceService nonces,
        JwsVerifier jws,
        AccountService accounts,
        OrderService orders,
        AuthorizationService authorizations,
        ChallengeService challenges,
        FinalizeService finalizer,
        CertificateService certificates,
        RenewalInfoService renewalInfo) {

    public AcmeApi {
        Objects.requireNonNull(provisioners, "provisioners");
        Objects.requireNonNull(nonces, "nonces");
        Objects.requireNonNull(jws, "jws");
        Objects.requireNonNull(accounts, "accounts");
        Objects.requireNonNull(orders, "orders");
        Objects.requireNonNull(authorizations, "authorizations");
        Objects.requireNonNull(challenges, "challenges");
        Objects.requireNonNull(finalizer, "finalizer");
        Objects.requireNonNull(certificates, "certificates");
        Objects.requireNonNull(renewalInfo, "renewalInfo");
    }
}
