package dev.stile.acme.service;

import dev.stile.acme.model.Account;
import dev.stile.acme.model.Order;
import dev.stile.acme.model.Status;
import dev.stile.acme.port.CertificateIssuer;
import dev.stile.acme.store.AcmeCertificate;
import dev.stile.acme.store.AcmeCertificateStore;
import dev.stile.acme.testing.TestCsr;
import dev.stile.acme.testing.TestIssuer;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.stile.acme.service.AcmeFixture.dnsIds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A certificate counts as delivered (the audit trail's {@code certificate.issued}) only once its
 * order is valid. When the database fails after the CA's inventory stored the certificate but
 * before the order completed, the client never receives it, so it is not reported delivered,
 * and the order is left for the reconciler (it was reported issued before).
 */
class FinalizeDeliveryTest {

    final AcmeFixture f = new AcmeFixture();
    final Account account = f.newAccount();
    final List<String> delivered = new CopyOnWriteArrayList<>();
    final CertificateIssuer issuer = new CertificateIssuer() {
        @Override
        public IssuedCertificate issue(IssueRequest request) {
            return f.issuer.issue(request);
        }

        @Override
        public void delivered(IssueRequest request, IssuedCertificate certificate) {
            delivered.add(certificate.leaf().getSerialNumber().toString(16));
        }
    };

    @Test
    void aCertificateIsDeliveredWhenItsOrderIsValid() throws Exception {
        FinalizeService finalizer = new FinalizeService(f.orders, f.certificates, issuer, null, f.urls, f.clock);
        Order o = readyOrder();
        Order done = finalize(finalizer, o);
        assertThat(done.status()).isEqualTo(Status.VALID);
        assertThat(delivered).containsExactly(f.certificates.find(done.certificateId()).orElseThrow().serialHex());
    }

    @Test
    void aCertificateStoredByTheCaButNotByItsOrderIsNotDelivered() throws Exception {
        AcmeCertificateStore failing = new AcmeCertificateStore() {
            @Override
            public void save(AcmeCertificate certificate) {
                throw new IllegalStateException("database operation failed: connection reset");
            }

            @Override
            public Optional<AcmeCertificate> find(String id) {
                return f.certificates.find(id);
            }

            @Override
            public Optional<AcmeCertificate> findBySerial(String serialHex) {
                return f.certificates.findBySerial(serialHex);
            }

            @Override
            public Optional<AcmeCertificate> findByAriCertId(String ariCertId) {
                return f.certificates.findByAriCertId(ariCertId);
            }

            @Override
            public int purgeExpired(Instant before, int limit) {
                return 0;
            }

            @Override
            public boolean markReplaced(String id) {
                return false;
            }
        };
        FinalizeService finalizer = new FinalizeService(f.orders, failing, issuer, null, f.urls, f.clock);
        Order o = readyOrder();
        assertThatThrownBy(() -> finalize(finalizer, o));
        assertThat(f.issuer.requests()).as("the CA signed and stored it").hasSize(1);
        assertThat(delivered).isEmpty();
    }

    private Order readyOrder() {
        Order o = f.newOrder(account, dnsIds("www.example.com"));
        f.validateAll(o);
        return o;
    }

    private Order finalize(FinalizeService fs, Order o) throws Exception {
        KeyPair key = TestIssuer.ecKeyPair();
        byte[] csr = TestCsr.of(key, "www.example.com", "www.example.com");
        String payload = "{\"csr\":\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(csr) + "\"}";
        return fs.finalize(f.settings, f.kidRequest(account, f.links.finalizeOrder(o.id()), payload), o.id());
    }
}
