package dev.stile.bench.jmh;

import dev.stile.authority.inventory.CertificateQuery;
import dev.stile.authority.inventory.CertificateRecord;
import dev.stile.authority.inventory.CertificateStore;
import dev.stile.core.Page;
import dev.stile.core.PageRequest;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An inventory that only counts: millions of benchmark certificates must not fill the heap, and
 * the JDBC store is measured by the load driver, not here.
 */
final class DiscardingCertificateStore implements CertificateStore {

    private final AtomicLong saved = new AtomicLong();

    @Override
    public void save(CertificateRecord certificate) {
        saved.incrementAndGet();
    }

    @Override
    public Optional<CertificateRecord> findBySerial(String serialHex) {
        return Optional.empty();
    }

    @Override
    public Page<CertificateRecord> list(CertificateQuery query, PageRequest page) {
        throw new UnsupportedOperationException("not used by the benchmark");
    }

    long saved() {
        return saved.get();
    }
}
