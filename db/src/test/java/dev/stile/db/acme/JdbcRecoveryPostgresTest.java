package dev.stile.db.acme;

import dev.stile.db.Database;

/** The recovery contract on PostgreSQL in a fresh schema. */
class JdbcRecoveryPostgresTest extends JdbcRecoveryH2Test {

    @Override
    protected Database.Kind kind() {
        return Database.Kind.POSTGRESQL;
    }
}
