package dev.stile.db.acme;

import dev.stile.acme.store.contract.AcmeStoreContract;
import dev.stile.acme.store.contract.RecoveryContract;
import dev.stile.db.Database;
import dev.stile.db.TestDatabases;
import org.junit.jupiter.api.AfterEach;

/** The recovery contract (V6: stalled finalizes, validation leases) on H2 with the real migrations. */
class JdbcRecoveryH2Test extends RecoveryContract {

    private TestDatabases.TestDatabase db;

    protected Database.Kind kind() {
        return Database.Kind.H2;
    }

    @Override
    protected AcmeStoreContract.Stores newStores() {
        db = TestDatabases.open(kind());
        return JdbcAcmeStores.of(db.database());
    }

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }
}
