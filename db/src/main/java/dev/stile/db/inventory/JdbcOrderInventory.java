package dev.stile.db.inventory;

import dev.stile.admin.inventory.OrderInventory;
import dev.stile.admin.inventory.OrderSummary;
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

/**
 * {@code GET /admin/orders}: ACME orders newest first, keyset paginated on {@code seq} (unique,
 * increasing), filtered by status, provisioner or account. The unfiltered and account-filtered
 * listings use indexes; status/provisioner filters walk seq backwards from the cursor, bounded by
 * the page size.
 */
public final class JdbcOrderInventory implements OrderInventory {

    private final Database database;

    public JdbcOrderInventory(Database database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    public Page<OrderSummary> list(String status, String provisioner, String accountId, PageRequest page) {
        StringBuilder sql = new StringBuilder("SELECT id, account_id, provisioner, status, identifiers, expires_at, "
                + "error, certificate_id, created_at, seq FROM acme_orders WHERE seq < ?");
        List<Object> params = new ArrayList<>();
        long before;
        try {
            before = page.cursor().isEmpty() ? Long.MAX_VALUE : Long.parseLong(page.cursor());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("cursor \"" + page.cursor()
                    + "\" is not valid; use the nextCursor of the previous page", e);
        }
        params.add(before);
        if (status != null && !status.isBlank()) {
            sql.append(" AND status = ?");
            params.add(status.trim().toLowerCase(java.util.Locale.ROOT));
        }
        if (provisioner != null && !provisioner.isBlank()) {
            sql.append(" AND provisioner = ?");
            params.add(provisioner);
        }
        if (accountId != null && !accountId.isBlank()) {
            sql.append(" AND account_id = ?");
            params.add(accountId);
        }
        sql.append(" ORDER BY seq DESC LIMIT ").append(page.limit() + 1);
        List<long[]> seqs = new ArrayList<>();
        List<OrderSummary> rows = database.withConnection(conn -> {
            try (PreparedStatement ps = conn.prepareStatement(sql.toString())) {
                for (int i = 0; i < params.size(); i++) {
                    ps.setObject(i + 1, params.get(i));
                }
                List<OrderSummary> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new OrderSummary(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), Timestamps.fromDb(rs.getObject(6, OffsetDateTime.class)),
                                rs.getString(7), rs.getString(8),
                                Timestamps.fromDb(rs.getObject(9, OffsetDateTime.class))));
                        seqs.add(new long[] {rs.getLong(10)});
                    }
                }
                return out;
            }
        });
        if (rows.size() <= page.limit()) {
            return new Page<>(rows, "");
        }
        return new Page<>(rows.subList(0, page.limit()), Long.toString(seqs.get(page.limit() - 1)[0]));
    }
}
