package dev.stile.db.acme;

import dev.stile.db.Database;

/**
 * The ACME store contract on PostgreSQL in a fresh schema per test ({@code STILE_TEST_POSTGRES_URL};
 * skipped locally when unset, a failure under {@code CI=true}).
 */
class JdbcAcmeStoresPostgresTest extends JdbcAcmeStoresH2Test {

    @Override
    protected Database.Kind kind() {
        return Database.Kind.POSTGRESQL;
    }
}
