package dev.stile.acme.store.fake;

import dev.stile.acme.model.Account;
import dev.stile.acme.model.Status;
import dev.stile.acme.store.AccountStore;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** HashMap fake of {@link AccountStore} for service tests; same guards as the JDBC store. */
public final class InMemoryAccountStore implements AccountStore {

    private final Map<String, Account> byId = new LinkedHashMap<>();

    @Override
    public synchronized Account create(Account account) {
        Optional<Account> existing = findByThumbprint(account.provisioner(), account.jwkThumbprint());
        if (existing.isPresent()) {
            return existing.get();
        }
        byId.put(account.id(), account);
        return account;
    }

    @Override
    public synchronized Optional<Account> findById(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public synchronized Optional<Account> findByThumbprint(String provisioner, String thumbprint) {
        return byId.values().stream()
                .filter(a -> a.provisioner().equals(provisioner) && a.jwkThumbprint().equals(thumbprint)).findFirst();
    }

    @Override
    public synchronized boolean updateContacts(String id, List<String> contacts) {
        Account a = byId.get(id);
        if (a == null || a.status() != Status.VALID) {
            return false;
        }
        byId.put(id, a.withContacts(contacts));
        return true;
    }

    @Override
    public synchronized boolean deactivate(String id) {
        Account a = byId.get(id);
        if (a == null || a.status() != Status.VALID) {
            return false;
        }
        byId.put(id, a.withStatus(Status.DEACTIVATED));
        return true;
    }

    @Override
    public synchronized boolean changeKey(String id, String oldThumbprint, String newThumbprint, String newJwkJson) {
        Account a = byId.get(id);
        if (a == null || !a.jwkThumbprint().equals(oldThumbprint)
                || findByThumbprint(a.provisioner(), newThumbprint).isPresent()) {
            return false;
        }
        byId.put(id, a.withKey(newThumbprint, newJwkJson));
        return true;
    }
}
