package dev.stile.db;

import dev.stile.core.Page;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Runs one page of a keyset-paginated query: the caller's SQL selects rows after the cursor in a
 * stable order; this adds the LIMIT, reads the rows and derives the next cursor from the last one.
 */
public final class KeysetPages {

    private KeysetPages() {
    }

    /** Maps the current row of a result set. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /**
     * @param orderedSql SQL ending in its ORDER BY clause, with {@code ?} for each parameter
     * @param params     the parameters, in order
     * @param limit      the page size
     * @param cursorOf   the cursor that continues after a given row
     */
    public static <T> Page<T> fetch(Database database, String orderedSql, List<Object> params, int limit,
                                    RowMapper<T> mapper, Function<T, String> cursorOf) {
        // One row more than asked tells whether another page exists without a COUNT.
        String sql = orderedSql + " LIMIT " + (limit + 1);
        List<T> rows = database.withConnection(conn -> {
            try (PreparedStatement ps = conn.prepareStatement(sql)) {
                for (int i = 0; i < params.size(); i++) {
                    ps.setObject(i + 1, params.get(i));
                }
                List<T> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(mapper.map(rs));
                    }
                }
                return out;
            }
        });
        if (rows.size() <= limit) {
            return new Page<>(rows, "");
        }
        List<T> items = rows.subList(0, limit);
        return new Page<>(items, cursorOf.apply(items.get(items.size() - 1)));
    }
}
