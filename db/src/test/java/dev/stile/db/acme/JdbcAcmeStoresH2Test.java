package dev.stile.db.acme;

import dev.stile.acme.store.contract.AcmeStoreContract;
import dev.stile.db.Database;
import dev.stile.db.TestDatabases;
import org.junit.jupiter.api.AfterEach;

/** The ACME store contract on H2 in PostgreSQL mode with the real migrations. */
class JdbcAcmeStoresH2Test extends AcmeStoreContract {

    private TestDatabases.TestDatabase db;

    protected Database.Kind kind() {
        return Database.Kind.H2;
    }

    @Override
    protected Stores newStores() {
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
