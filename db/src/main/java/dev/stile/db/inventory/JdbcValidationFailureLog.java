package dev.stile.db.inventory;

import dev.stile.admin.inventory.ValidationFailureLog;
import dev.stile.admin.inventory.ValidationFailure;
import dev.stile.db.Timestamps;
import dev.stile.db.Database;
import dev.stile.core.Page;
import dev.stile.core.PageRequest;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The {@code validation_failures} table: recent failed challenges, bounded by retention. */
public final class JdbcValidationFailureLog implements ValidationFailureLog {

    private final Database database;

    public JdbcValidationFailureLog(Database database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    public void append(ValidationFailure f) {
        database.withConnection(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("INSERT INTO validation_failures (failed_at, "
                    + "challenge_type, identifier, outcome, is_final, problem) VALUES (?, ?, ?, ?, ?, ?)")) {
                ps.setObject(1, Timestamps.toDb(f.failedAt()));
                ps.setString(2, f.challengeType());
                ps.setString(3, truncate(f.identifier(), 1024));
                ps.setString(4, f.outcome());
                ps.setBoolean(5, f.finalFailure());
                ps.setString(6, f.problemJson());
                return ps.executeUpdate();
            }
        });
    }

    /** Newest first; the cursor is the id of the last row of the previous page. */
    public Page<ValidationFailure> list(PageRequest page) {
        long before;
        try {
            before = page.cursor().isEmpty() ? Long.MAX_VALUE : Long.parseLong(page.cursor());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("cursor \"" + page.cursor()
                    + "\" is not valid; use the nextCursor of the previous page", e);
        }
        List<ValidationFailure> rows = database.withConnection(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("SELECT id, failed_at, challenge_type, identifier, "
                    + "outcome, is_final, problem FROM validation_failures WHERE id < ? ORDER BY id DESC LIMIT "
                    + (page.limit() + 1))) {
                ps.setLong(1, before);
                List<ValidationFailure> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new ValidationFailure(rs.getLong(1),
                                Timestamps.fromDb(rs.getObject(2, OffsetDateTime.class)), rs.getString(3),
                                rs.getString(4), rs.getString(5), rs.getBoolean(6), rs.getString(7)));
                    }
                }
                return out;
            }
        });
        if (rows.size() <= page.limit()) {
            return new Page<>(rows, "");
        }
        List<ValidationFailure> items = rows.subList(0, page.limit());
        return new Page<>(items, Long.toString(items.get(items.size() - 1).id()));
    }

    private static String truncate(String s, int max) {
        return s == null ? "" : s.length() <= max ? s : s.substring(0, max);
    }
}
