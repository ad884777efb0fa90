package dev.stile.db.acme;

import dev.stile.acme.store.contract.AcmeFlowContract;
import dev.stile.acme.store.contract.AcmeStoreContract;
import dev.stile.db.Database;
import dev.stile.db.TestDatabases;
import org.junit.jupiter.api.AfterEach;

/** The whole ACME flow with every state change going through H2. */
class JdbcAcmeFlowTest extends AcmeFlowContract {

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
    void closeDb() {
        if (db != null) {
            db.close();
        }
    }
}
