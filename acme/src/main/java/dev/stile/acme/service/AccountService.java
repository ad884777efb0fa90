package dev.stile.acme.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stile.acme.jws.InnerJws;
import dev.stile.acme.jws.VerifiedRequest;
import dev.stile.acme.model.Account;
import dev.stile.acme.model.KeyAuthorization;
import dev.stile.acme.model.Status;
import dev.stile.acme.problem.AcmeException;
import dev.stile.acme.problem.AcmeProblem;
import dev.stile.acme.store.AccountStore;
import dev.stile.acme.store.EabKey;
import dev.stile.acme.store.EabKeyStore;
import dev.stile.acme.store.OrderStore;
import dev.stile.core.Page;
import dev.stile.core.PageRequest;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Accounts (RFC 8555 §7.3): newAccount, POST-as-GET/update/deactivate, key rollover and the
 * orders list. Every method gets a request that {@link dev.stile.acme.jws.JwsVerifier} accepted.
 */
public final class AccountService {

    /** Orders per page of the account's orders list. */
    public static final int ORDERS_PAGE_SIZE = 50;

    private final AccountStore accounts;
    private final OrderStore orders;
    private final EabVerifier eab;
    private final EabKeyStore eabKeys;
    private final Clock clock;

    public AccountService(AccountStore accounts, OrderStore orders, EabKeyStore eabKeys, Clock clock) {
        this.accounts = accounts;
        this.orders = orders;
        this.eabKeys = eabKeys;
        this.eab = new EabVerifier(eabKeys);
        this.clock = clock;
    }

    /** newAccount (§7.3, {@code jwk} mode). */
    public AccountResult newAccount(AcmeProvisionerSettings settings, VerifiedRequest request) {
        return newAccount(settings, request, existingAccount(settings, request));
    }

    /** The account of the request's key on this provisioner, if it has one; read once by a new-account request. */
    public Optional<Account> existingAccount(AcmeProvisionerSettings settings, VerifiedRequest request) {
        return accounts.findByThumbprint(settings.name(), request.thumbprint());
    }

    /** As {@link #newAccount(AcmeProvisionerSettings, VerifiedRequest)}, with {@link #existingAccount} read. */
    public AccountResult newAccount(AcmeProvisionerSettings settings, VerifiedRequest request,
                                    Optional<Account> existing) {
        JsonNode payload = Payloads.object(request.payload());
        boolean onlyExisting = payload.path("onlyReturnExisting").asBoolean(false);
        if (existing.isPresent()) {
            if (!existing.get().isValid()) {
                // RFC 8555 §7.3.6: a deactivated account's key is refused, not silently reused.
                throw AcmeException.unauthorized("the account for this key (" + existing.get().id() + ") is "
                        + existing.get().status().token() + "; register with a new key");
            }
            return new AccountResult(existing.get(), false);
        }
        if (onlyExisting) {
            throw new AcmeException(AcmeProblem.ACCOUNT_DOES_NOT_EXIST,
                    "no account exists for this key on provisioner " + settings.name());
        }
        List<String> contacts = Contacts.parse(payload);
        if (settings.termsOfService() != null && !payload.path("termsOfServiceAgreed").asBoolean(false)) {
            throw AcmeException.malformed("the terms of service at " + settings.termsOfService()
                    + " must be agreed to (termsOfServiceAgreed: true)");
        }
        JsonNode binding = payload.get("externalAccountBinding");
        EabKey key = null;
        if (binding != null && !binding.isNull()) {
            key = eab.verify(binding, request, settings.name());
        } else if (settings.requireEab()) {
            throw new AcmeException(AcmeProblem.EXTERNAL_ACCOUNT_REQUIRED,
                    "provisioner " + settings.name() + " requires an external account binding; ask the operator for an EAB key id and HMAC key");
        }
        String id = Ids.random();
        if (key != null && !eabKeys.bind(key.keyId(), id, clock.instant())) {
            throw AcmeException.unauthorized("the external account binding key \"" + key.keyId() + "\" was bound meanwhile");
        }
        Account fresh = new Account(id, settings.name(), request.thumbprint(), request.jwk().toJson(),
                contacts, Status.VALID, key == null ? null : key.keyId(), clock.instant());
        Account stored = accounts.create(fresh);
        return new AccountResult(stored, stored.id().equals(id));
    }

    /**
     * POST to the account URL (§7.3.2, §7.3.6): POST-as-GET returns it, {@code contact} updates
     * it, {@code status: deactivated} deactivates it.
     */
    public Account update(VerifiedRequest request, String accountId) {
        Account account = ownAccount(request, accountId);
        if (request.isPostAsGet()) {
            return account;
        }
        JsonNode payload = Payloads.object(request.payload());
        String status = Payloads.text(payload, "status");
        List<String> contacts = Contacts.parse(payload);
        if (status != null) {
            if (!status.equals(Status.DEACTIVATED.token())) {
                throw AcmeException.malformed("an account can only be updated to status \"deactivated\", not \"" + status + "\"");
            }
            if (contacts != null) {
                throw AcmeException.malformed("deactivate the account or change its contacts, not both in one request");
            }
            accounts.deactivate(account.id());
            return account.withStatus(Status.DEACTIVATED);
        }
        if (contacts != null) {
            if (!accounts.updateContacts(account.id(), contacts)) {
                throw AcmeException.unauthorized("account " + account.id() + " is no longer valid");
            }
            return account.withContacts(contacts);
        }
        return account;
    }

    /** keyChange (§7.3.5): the outer JWS by the old key ({@code kid}), the inner by the new key. */
    public Account changeKey(VerifiedRequest request) {
        Account account = request.requireAccount();
        InnerJws inner = InnerJws.verify(request.payload(), request.url());
        JsonNode payload = Payloads.object(inner.payload());
        String accountUrl = Payloads.text(payload, "account");
        if (accountUrl == null || !accountUrl.equals(request.kid())) {
            throw AcmeException.malformed("the key-change payload \"account\" must be the account URL " + request.kid());
        }
        JsonNode oldKey = payload.get("oldKey");
        if (oldKey == null || !oldKey.isObject()) {
            throw AcmeException.malformed("the key-change payload has no \"oldKey\" JWK");
        }
        String oldThumb;
        try {
            oldThumb = KeyAuthorization.thumbprint(PublicJsonWebKey.Factory.newPublicJwk(oldKey.toString()));
        } catch (JoseException e) {
            throw AcmeException.malformed("the key-change \"oldKey\" is not a JWK: " + e.getMessage());
        }
        if (!oldThumb.equals(account.jwkThumbprint())) {
            throw AcmeException.unauthorized("the key-change \"oldKey\" is not the current key of account " + account.id());
        }
        Optional<Account> holder = accounts.findByThumbprint(account.provisioner(), inner.thumbprint());
        if (holder.isPresent()) {
            throw new KeyConflictException(holder.get().id());
        }
        if (!accounts.changeKey(account.id(), oldThumb, inner.thumbprint(), inner.jwk().toJson())) {
            Optional<Account> racer = accounts.findByThumbprint(account.provisioner(), inner.thumbprint());
            if (racer.isPresent()) {
                throw new KeyConflictException(racer.get().id());
            }
            throw AcmeException.unauthorized("the key of account " + account.id() + " changed meanwhile; retry with the current key");
        }
        return account.withKey(inner.thumbprint(), inner.jwk().toJson());
    }

    /**
     * The account's orders list (§7.1.2.1), newest first. {@code cursor} is the HTTP layer's
     * {@code ?cursor=} value ({@code ""} for the first page); a non-empty {@link Page#nextCursor()}
     * becomes {@code Link: <...orders?cursor=X>;rel="next"}.
     */
    public Page<String> listOrders(VerifiedRequest request, String accountId, String cursor) {
        Payloads.requirePostAsGet(request.payload(), "the orders list");
        Account account = ownAccount(request, accountId);
        return orders.listOrders(account.id(), new PageRequest(cursor, ORDERS_PAGE_SIZE));
    }

    private static Account ownAccount(VerifiedRequest request, String accountId) {
        Account account = request.requireAccount();
        if (!account.id().equals(accountId)) {
            throw AcmeException.unauthorized("the request is signed by account " + account.id()
                    + " but addresses account " + accountId);
        }
        return account;
    }
}
