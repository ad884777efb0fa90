package dev.stile.acme.jws;

import dev.stile.authority.crypto.NativeKeys;
import dev.stile.authority.crypto.BouncyCastle;
import dev.stile.acme.model.Account;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The parsed public keys of recently active accounts, so that a {@code kid}-signed request does not
 * parse the stored JWK again. Besides the parsing, this saves most of the signature check: keys
 * are built by the signature provider (BouncyCastle), which keeps its precomputed multiples of the
 * public point on the key object; a fresh key per request made each ES256 check ~2.5x slower
 * (620 vs 240 µs with C1 here). An entry is used only while the account's stored JWK is exactly
 * the one it was parsed from, so a key change (RFC 8555 §7.3.5) takes effect at once.
 *
 * <p>Bounded (least recently used out): an EC key with its precomputed points is a few KiB, and a
 * small CA has a handful of busy accounts (one per cert-manager issuer).
 */
final class AccountKeys {

    static final int CAPACITY = 64;

    private final String providerName;
    private final Map<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > CAPACITY;
        }
    };

    private final boolean automatic;

    /**
     * Keys are built by {@code providerName} when it is BouncyCastle, else by the JDK's defaults;
     * null means production: built by BouncyCastle, then EC and RSA keys handed to the native
     * provider once (see {@link NativeKeys#forVerifying}) so no check re-parses them.
     */
    AccountKeys(String providerName) {
        this.automatic = providerName == null;
        this.providerName = automatic || BouncyCastle.NAME.equals(providerName) ? BouncyCastle.NAME : null;
    }

    /** The account's key, parsed from its stored JWK or taken from the cache. */
    PublicJsonWebKey keyOf(Account account) {
        String json = account.jwkJson();
        synchronized (entries) {
            Entry e = entries.get(account.id());
            if (e != null && e.json.equals(json)) {
                return e.key;
            }
        }
        PublicJsonWebKey key;
        try {
            key = PublicJsonWebKey.Factory.newPublicJwk(json, providerName);
            if (automatic) {
                key = NativeKeys.forVerifying(key);
            }
        } catch (JoseException e) {
            throw new IllegalStateException("stored key of account " + account.id() + " is unreadable", e);
        }
        synchronized (entries) {
            entries.put(account.id(), new Entry(json, key));
        }
        return key;
    }

    int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    private static final class Entry {
        final String json;
        final PublicJsonWebKey key;

        Entry(String json, PublicJsonWebKey key) {
            this.json = json;
            this.key = key;
        }
    }
}
