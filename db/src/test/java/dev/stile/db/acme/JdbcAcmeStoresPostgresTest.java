package dev.stile.db.acme;

import dev.stile.acme.store.contract.AcmeStoreContract;
import dev.stile.db.Database;
import dev.stile.testsupport.Requirements;
import org.junit.jupiter.api.AfterEach;

import java.sql.Statement;

/**
 * The ACME store contract on PostgreSQL ({@code STILE_TEST_POSTGRES_URL}; skipped locally when
 * unset, a failure under CI). Each test starts from an empty set of ACME tables.
 */
class JdbcAcmeStoresPostgresTest extends AcmeStoreContract {

    private Database db;

    @Override
    protected Stores newStores() {
        db = Database.open(Database.Kind.POSTGRESQL, Requirements.postgresUrl(), null, null, 4);
        db.withConnection(c -> {
            try (Statement st = c.createStatement()) {
                st.executeUpdate("DELETE FROM acme_order_authorizations");
                st.executeUpdate("DELETE FROM acme_orders");
                st.executeUpdate("DELETE FROM acme_challenges");
                st.executeUpdate("DELETE FROM acme_authorizations");
                st.executeUpdate("DELETE FROM acme_accounts");
                st.executeUpdate("DELETE FROM acme_nonces");
                st.executeUpdate("DELETE FROM acme_eab_keys");
                st.executeUpdate("DELETE FROM acme_certificates");
            }
            return null;
        });
        return JdbcAcmeStores.of(db);
    }

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }
}
