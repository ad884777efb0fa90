package dev.stile.acme.store;

import java.time.Instant;
import java.util.Optional;

/** External Account Binding keys. A key binds exactly one account, once. */
public interface EabKeyStore {

    Optional<EabKey> find(String keyId);

    /** Binds an unbound key to an account; false when it was already bound. */
    boolean bind(String keyId, String accountId, Instant now);

    /** Adds a key (admin API, tests). */
    void save(EabKey key);
}
