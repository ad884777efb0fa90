package dev.stile.db.acme;

import dev.stile.acme.store.contract.AcmeStoreContract;
import dev.stile.db.Database;

/** Every JDBC ACME store over one database, as the contract test wants them. */
final class JdbcAcmeStores {

    private JdbcAcmeStores() {
    }

    static AcmeStoreContract.Stores of(Database db) {
        return new AcmeStoreContract.Stores(new JdbcAccountStore(db), new JdbcOrderStore(db), new JdbcNonceStore(db),
                new JdbcEabKeyStore(db, new dev.stile.db.secrets.EabKeysAtRest(
                        dev.stile.db.secrets.AtRestCipher.derivedFrom(new byte[32], "test"))), new JdbcAcmeCertificateStore(db));
    }
}
