package dev.stile.acme.store;

import dev.stile.acme.model.Account;

import java.util.List;
import java.util.Optional;

/** Persistence of ACME accounts. Every state change is one guarded operation. */
public interface AccountStore {

    /**
     * Inserts a new account. If another account with the same provisioner and thumbprint won a
     * race, returns that one instead (the unique key decides), so new-account is idempotent.
     */
    Account create(Account account);

    Optional<Account> findById(String id);

    Optional<Account> findByThumbprint(String provisioner, String jwkThumbprint);

    /** Replaces the contacts of a valid account; false when it is not valid (any more). */
    boolean updateContacts(String id, List<String> contacts);

    /** valid → deactivated (RFC 8555 §7.3.6); false when it was not valid. */
    boolean deactivate(String id);

    /**
     * Replaces the account key if the account still has {@code oldThumbprint} (RFC 8555 §7.3.5).
     * Returns false when the key changed meanwhile or the new key belongs to another account of
     * the same provisioner (the unique key decides).
     */
    boolean changeKey(String id, String oldThumbprint, String newThumbprint, String newJwkJson);
}
