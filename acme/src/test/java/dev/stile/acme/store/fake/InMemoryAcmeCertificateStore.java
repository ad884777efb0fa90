package dev.stile.acme.store.fake;

import dev.stile.acme.store.AcmeCertificate;
import dev.stile.acme.store.AcmeCertificateStore;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** HashMap fake of {@link AcmeCertificateStore}. */
public final class InMemoryAcmeCertificateStore implements AcmeCertificateStore {

    private final Map<String, AcmeCertificate> certs = new LinkedHashMap<>();

    @Override
    public synchronized void save(AcmeCertificate certificate) {
        certs.put(certificate.id(), certificate);
    }

    @Override
    public synchronized Optional<AcmeCertificate> find(String id) {
        return Optional.ofNullable(certs.get(id));
    }

    @Override
    public synchronized Optional<AcmeCertificate> findBySerial(String serialHex) {
        return certs.values().stream().filter(c -> c.serialHex().equals(serialHex)).findFirst();
    }

    @Override
    public synchronized Optional<AcmeCertificate> findByAriCertId(String ariCertId) {
        return certs.values().stream().filter(c -> ariCertId.equals(c.ariCertId())).findFirst();
    }

    @Override
    public synchronized int purgeExpired(java.time.Instant before, int limit) {
        java.util.List<String> gone = certs.values().stream().filter(c -> c.notAfter().isBefore(before))
                .limit(limit).map(AcmeCertificate::id).toList();
        gone.forEach(certs::remove);
        return gone.size();
    }

    @Override
    public synchronized boolean markReplaced(String id) {
        AcmeCertificate c = certs.get(id);
        if (c == null || c.replaced()) {
            return false;
        }
        certs.put(id, new AcmeCertificate(c.id(), c.accountId(), c.provisioner(), c.serialHex(), c.identifiers(),
                c.chainPem(), c.notBefore(), c.notAfter(), c.ariCertId(), true));
        return true;
    }
}
