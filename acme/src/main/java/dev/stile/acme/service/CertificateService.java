package dev.stile.acme.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stile.authority.AuthorityException;
import dev.stile.authority.CertificateNameReader;
import dev.stile.authority.SubjectAlternativeNames;
import dev.stile.acme.jws.VerifiedRequest;
import dev.stile.acme.model.Account;
import dev.stile.acme.model.Identifier;
import dev.stile.acme.port.RevocationPort;
import dev.stile.acme.problem.AcmeException;
import dev.stile.acme.problem.AcmeProblem;
import dev.stile.acme.store.AcmeCertificate;
import dev.stile.acme.store.AcmeCertificateStore;
import dev.stile.acme.store.OrderStore;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Certificate download (RFC 8555 §7.4.2) and revocation (§7.6). */
public final class CertificateService {

    private final AcmeCertificateStore certificates;
    private final OrderStore orders;
    private final RevocationPort revocation;
    private final AcmeUrls urls;
    private final Clock clock;

    public CertificateService(AcmeCertificateStore certificates, OrderStore orders, RevocationPort revocation,
                              AcmeUrls urls, Clock clock) {
        this.certificates = certificates;
        this.orders = orders;
        this.revocation = revocation;
        this.urls = urls;
        this.clock = clock;
    }

    /** POST-as-GET of {@code certificate/{id}}: the chain as {@code application/pem-certificate-chain}. */
    public String download(VerifiedRequest request, String certificateId) {
        Payloads.requirePostAsGet(request.payload(), "a certificate");
        AcmeCertificate cert = certificates.find(certificateId)
                .orElseThrow(() -> AcmeException.notFound("certificate " + certificateId + " does not exist"));
        if (!cert.accountId().equals(request.requireAccount().id())) {
            throw AcmeException.unauthorized("certificate " + certificateId + " was issued to another account");
        }
        return cert.chainPem();
    }

    /**
     * revokeCert ({@code KID_OR_JWK}): signed by the issuing account, by an account with valid
     * authorizations for every identifier, or by the certificate's own key. 200 with empty body.
     */
    public void revoke(VerifiedRequest request) {
        JsonNode payload = Payloads.object(request.payload());
        byte[] der = Payloads.base64url(payload, "certificate");
        JsonNode reasonNode = payload.get("reason");
        int reason = reasonNode == null || reasonNode.isNull() ? 0 : reasonNode.asInt(-1);
        if (reasonNode != null && !reasonNode.isNull() && !reasonNode.isInt()) {
            reason = -1;
        }
        if (reason < 0 || reason > 10 || reason == 7) {
            throw new AcmeException(AcmeProblem.BAD_REVOCATION_REASON, "revocation reason " + reasonNode
                    + " is not allowed; use an RFC 5280 reason code 0-10 other than 7");
        }
        X509Certificate cert = parse(der);
        String serial = cert.getSerialNumber().toString(16);
        Optional<AcmeCertificate> known = certificates.findBySerial(serial);
        String requester;
        if (request.account().isPresent()) {
            Account account = request.account().get();
            requireAuthority(account, cert, known);
            requester = urls.accountUrl(account.provisioner(), account.id());
        } else {
            if (!Arrays.equals(request.jwk().getPublicKey().getEncoded(), cert.getPublicKey().getEncoded())) {
                throw AcmeException.unauthorized("the revocation request is signed by a key that is not the certificate's key");
            }
            requester = "certificate key";
        }
        RevocationPort.Result result = revocation.revoke(cert, reason, requester);
        if (result == RevocationPort.Result.ALREADY_REVOKED) {
            throw new AcmeException(AcmeProblem.ALREADY_REVOKED, "certificate " + serial + " is already revoked");
        }
        if (result == RevocationPort.Result.UNKNOWN_CERTIFICATE) {
            throw AcmeException.notFound("certificate " + serial + " was not issued by this CA");
        }
    }

    private void requireAuthority(Account account, X509Certificate cert, Optional<AcmeCertificate> known) {
        if (known.isPresent() && known.get().accountId().equals(account.id())) {
            return;
        }
        List<Identifier> ids = identifiers(cert);
        if (ids.isEmpty()) {
            throw AcmeException.unauthorized("the certificate has no DNS or IP names this account could hold authorizations for");
        }
        for (Identifier id : ids) {
            boolean wildcard = id.isWildcard();
            Identifier base = wildcard ? Identifier.dns(id.value().substring(2)) : id;
            if (orders.findValidAuthorization(account.id(), base, wildcard, clock.instant()).isEmpty()) {
                throw AcmeException.unauthorized("account " + account.id() + " has no valid authorization for "
                        + id.value() + " and did not order this certificate");
            }
        }
    }

    static List<Identifier> identifiers(X509Certificate cert) {
        List<Identifier> out = new ArrayList<>();
        SubjectAlternativeNames sans;
        try {
            sans = CertificateNameReader.sans(cert);
        } catch (AuthorityException e) {
            throw AcmeException.malformed("the certificate's subject alternative names cannot be read");
        }
        sans.dnsNames().forEach(n -> out.add(Identifier.dns(n.toLowerCase(java.util.Locale.ROOT))));
        sans.ips().forEach(ip -> out.add(Identifier.ip(Identifiers.ipAddress(ip.getHostAddress()))));
        return out;
    }

    private static X509Certificate parse(byte[] der) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException | ClassCastException e) {
            throw AcmeException.malformed("\"certificate\" is not a DER X.509 certificate");
        }
    }
}
