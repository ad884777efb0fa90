package dev.stile.server.acme;

import dev.stile.acme.store.AccountStore;
import dev.stile.acme.store.AcmeCertificateStore;
import dev.stile.acme.store.EabKeyStore;
import dev.stile.acme.store.NonceStore;
import dev.stile.acme.store.OrderStore;
import dev.stile.db.Database;
import dev.stile.db.acme.JdbcAccountStore;
import dev.stile.db.acme.JdbcAcmeCertificateStore;
import dev.stile.db.acme.JdbcEabKeyStore;
import dev.stile.db.acme.JdbcNonceStore;
import dev.stile.db.acme.JdbcOrderStore;

import java.util.Objects;

/** The storage ports of the ACME server, one per aggregate (JDBC in production, see {@link AcmeWiring}). */
public record AcmeStores(AccountStore accounts, OrderStore orders, NonceStore nonces, EabKeyStore eabKeys,
                         AcmeCertificateStore certificates) {

    public AcmeStores {
        Objects.requireNonNull(accounts, "accounts");
        Objects.requireNonNull(orders, "orders");
        Objects.requireNonNull(nonces, "nonces");
        Objects.requireNonNull(eabKeys, "eabKeys");
        Objects.requireNonNull(certificates, "certificates");
    }

    /** All ACME state in the database, so replicas agree and a restart loses nothing. */
    public static AcmeStores jdbc(Database db, dev.stile.db.secrets.EabKeysAtRest eabAtRest) {
        return new AcmeStores(new JdbcAccountStore(db), new JdbcOrderStore(db), new JdbcNonceStore(db),
                new JdbcEabKeyStore(db, eabAtRest), new JdbcAcmeCertificateStore(db));
    }
}
