package dev.stile.db.acme;

import dev.stile.acme.store.contract.AcmeStoreContract;
import dev.stile.db.Database;
import org.junit.jupiter.api.AfterEach;

import java.util.UUID;

/** The ACME store contract on H2 in PostgreSQL mode with the real migrations. */
class JdbcAcmeStoresH2Test extends AcmeStoreContract {

    private Database db;

    @Override
    protected Stores newStores() {
        db = Database.inMemory("acme-" + UUID.randomUUID());
        return JdbcAcmeStores.of(db);
    }

    @AfterEach
    void close() {
        db.close();
    }
}
