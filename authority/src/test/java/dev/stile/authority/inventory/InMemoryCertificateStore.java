package dev.stile.authority.inventory;

import dev.stile.authority.inventory.CertificateQuery;
import dev.stile.authority.inventory.CertificateRecord;
import dev.stile.authority.inventory.CertificateStore;
import dev.stile.core.Page;
import dev.stile.core.PageRequest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Test fake of the inventory; {@link #failWith} makes {@code save} throw. */
public final class InMemoryCertificateStore implements CertificateStore {

    private final Map<String, CertificateRecord> records = new LinkedHashMap<>();
    private RuntimeException failure;

    public synchronized void failWith(RuntimeException failure) {
        this.failure = failure;
    }

    @Override
    public synchronized void save(CertificateRecord certificate) {
        if (failure != null) {
            throw failure;
        }
        if (records.putIfAbsent(certificate.serial(), certificate) != null) {
            throw new IllegalStateException("duplicate serial " + certificate.serial());
        }
    }

    @Override
    public synchronized Optional<CertificateRecord> findBySerial(String serialHex) {
        return Optional.ofNullable(records.get(serialHex));
    }

    @Override
    public synchronized Page<CertificateRecord> list(CertificateQuery query, PageRequest page) {
        List<CertificateRecord> all = new ArrayList<>(records.values());
        all.sort(Comparator.comparing(CertificateRecord::issuedAt).reversed());
        int start = page.cursor().isEmpty() ? 0 : Integer.parseInt(page.cursor());
        int end = Math.min(all.size(), start + page.limit());
        return new Page<>(all.subList(start, end), end < all.size() ? String.valueOf(end) : "");
    }

    public synchronized int size() {
        return records.size();
    }
}
