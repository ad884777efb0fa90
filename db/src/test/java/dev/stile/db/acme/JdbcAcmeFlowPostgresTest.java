package dev.stile.db.acme;

import dev.stile.db.Database;

/** The whole ACME flow on PostgreSQL (skipped locally without {@code STILE_TEST_POSTGRES_URL}). */
class JdbcAcmeFlowPostgresTest extends JdbcAcmeFlowTest {

    @Override
    protected Database.Kind kind() {
        return Database.Kind.POSTGRESQL;
    }
}
