package dev.stile.acme.store.fake;

import dev.stile.acme.store.EabKey;
import dev.stile.acme.store.EabKeyStore;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** HashMap fake of {@link EabKeyStore}. */
public final class InMemoryEabKeyStore implements EabKeyStore {

    private final Map<String, EabKey> keys = new HashMap<>();

    @Override
    public synchronized Optional<EabKey> find(String keyId) {
        return Optional.ofNullable(keys.get(keyId));
    }

    @Override
    public synchronized boolean bind(String keyId, String accountId, Instant now) {
        EabKey k = keys.get(keyId);
        if (k == null || k.boundAccountId() != null) {
            return false;
        }
        keys.put(keyId, new EabKey(k.keyId(), k.provisioner(), k.hmacKey(), accountId, k.createdAt()));
        return true;
    }

    @Override
    public synchronized void save(EabKey key) {
        keys.put(key.keyId(), key);
    }
}
