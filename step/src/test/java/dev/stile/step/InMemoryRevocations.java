package dev.stile.step;

import dev.stile.authority.inventory.CertificateStore;
import dev.stile.authority.inventory.Revocations;
import dev.stile.core.Page;
import dev.stile.core.PageRequest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@link Revocations} in memory, over an in-memory inventory: only certificates the inventory
 * holds can be revoked, as with the {@code certificates} table in db.
 */
final class InMemoryRevocations implements Revocations {

    private final CertificateStore inventory;
    private final TreeMap<String, Revoked> revoked = new TreeMap<>();
    private long crlNumber;

    InMemoryRevocations(CertificateStore inventory) {
        this.inventory = inventory;
    }

    @Override
    public synchronized Outcome revoke(String serialHex, int reasonCode, Instant at) {
        var record = inventory.findBySerial(serialHex);
        if (record.isEmpty()) {
            return Outcome.UNKNOWN_CERTIFICATE;
        }
        if (revoked.containsKey(serialHex)) {
            return Outcome.ALREADY_REVOKED;
        }
        revoked.put(serialHex, new Revoked(serialHex, at, reasonCode, record.get().notAfter()));
        return Outcome.REVOKED;
    }

    @Override
    public synchronized Optional<Revoked> find(String serialHex) {
        return Optional.ofNullable(revoked.get(serialHex));
    }

    @Override
    public synchronized Page<Revoked> listRevoked(Instant expiringAfter, PageRequest page) {
        List<Revoked> items = new ArrayList<>();
        String last = "";
        for (Revoked r : revoked.tailMap(page.cursor(), false).values()) {
            if (r.notAfter().isAfter(expiringAfter)) {
                if (items.size() == page.limit()) {
                    return new Page<>(items, last);
                }
                items.add(r);
                last = r.serialHex();
            }
        }
        return new Page<>(items, "");
    }

    @Override
    public synchronized long nextCrlNumber() {
        return ++crlNumber;
    }
}
