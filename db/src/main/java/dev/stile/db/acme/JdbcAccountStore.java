package dev.stile.db.acme;

import dev.stile.acme.model.Account;
import dev.stile.acme.model.Status;
import dev.stile.acme.store.AccountStore;
import dev.stile.db.Database;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** {@link AccountStore} on table {@code acme_accounts}. */
public final class JdbcAccountStore implements AccountStore {

    private static final String COLUMNS = "id, provisioner, jwk_thumbprint, jwk_json, contacts, status, eab_key_id, created_at";
    private final Database db;

    public JdbcAccountStore(Database db) {
        this.db = db;
    }

    @Override
    public Account create(Account a) {
        // On PostgreSQL a lost race inserts nothing instead of failing, which would abort the
        // request's transaction (Database#inOneTransaction); H2 fails only the statement.
        String onConflict = db.kind() == Database.Kind.POSTGRESQL ? " ON CONFLICT DO NOTHING" : "";
        int inserted;
        try {
            inserted = db.withConnection(c -> {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO acme_accounts (" + COLUMNS
                        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)" + onConflict)) {
                    ps.setString(1, a.id());
                    ps.setString(2, a.provisioner());
                    ps.setString(3, a.jwkThumbprint());
                    ps.setString(4, a.jwkJson());
                    ps.setString(5, Jdbc.write(a.contacts()));
                    ps.setString(6, a.status().token());
                    ps.setString(7, a.eabKeyId());
                    Jdbc.setInstant(ps, 8, a.createdAt());
                    return ps.executeUpdate();
                }
            });
        } catch (RuntimeException e) {
            // Lost a race on the same key: the unique constraint decides, return the winner.
            return findByThumbprint(a.provisioner(), a.jwkThumbprint()).orElseThrow(() -> e);
        }
        if (inserted == 1) {
            return a;
        }
        return findByThumbprint(a.provisioner(), a.jwkThumbprint()).orElseThrow(() -> new dev.stile.db.StoreException(
                "account " + a.id() + " was neither stored nor found by its key"));
    }

    @Override
    public Optional<Account> findById(String id) {
        return queryOne("SELECT " + COLUMNS + " FROM acme_accounts WHERE id = ?", id);
    }

    @Override
    public Optional<Account> findByThumbprint(String provisioner, String thumbprint) {
        return queryOne("SELECT " + COLUMNS + " FROM acme_accounts WHERE provisioner = ? AND jwk_thumbprint = ?",
                provisioner, thumbprint);
    }

    @Override
    public boolean updateContacts(String id, List<String> contacts) {
        return Jdbc.updateOne(db, "UPDATE acme_accounts SET contacts = ? WHERE id = ? AND status = 'valid'", Jdbc.write(contacts), id);
    }

    @Override
    public boolean deactivate(String id) {
        return Jdbc.updateOne(db, "UPDATE acme_accounts SET status = 'deactivated' WHERE id = ? AND status = 'valid'", id);
    }

    @Override
    public boolean changeKey(String id, String oldThumbprint, String newThumbprint, String newJwkJson) {
        try {
            return Jdbc.updateOne(db, "UPDATE acme_accounts SET jwk_thumbprint = ?, jwk_json = ? WHERE id = ? AND jwk_thumbprint = ?",
                    newThumbprint, newJwkJson, id, oldThumbprint);
        } catch (RuntimeException e) {
            if (e.getCause() instanceof SQLException && Jdbc.UNIQUE_VIOLATION.equals(((SQLException) e.getCause()).getSQLState())) {
                return false;
            }
            throw e;
        }
    }

    private Optional<Account> queryOne(String sql, String... params) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    ps.setString(i + 1, params[i]);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(map(rs)) : Optional.empty();
                }
            }
        });
    }

    private static Account map(ResultSet rs) throws SQLException {
        return new Account(rs.getString("id"), rs.getString("provisioner"), rs.getString("jwk_thumbprint"),
                rs.getString("jwk_json"), Jdbc.strings(rs.getString("contacts")), Status.fromToken(rs.getString("status")),
                rs.getString("eab_key_id"), Jdbc.instant(rs, "created_at"));
    }
}
