package dev.stile.db.admin;

import dev.stile.admin.AdminStore;
import dev.stile.admin.AdminRecord;
import dev.stile.db.Timestamps;
import dev.stile.db.Database;
import dev.stile.core.Page;
import dev.stile.core.PageRequest;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The {@code admins} table: who may call {@code /admin}. */
public final class JdbcAdminStore implements AdminStore {

    private static final String COLUMNS = "id, subject, provisioner, admin_type, created_at";

    private final Database database;

    public JdbcAdminStore(Database database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    /** Adds an admin; false when the (subject, provisioner) pair already exists. */
    public boolean insert(AdminRecord admin) {
        return database.withConnection(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("INSERT INTO admins (" + COLUMNS + ") SELECT ?, ?, ?, ?, ? "
                    + "WHERE NOT EXISTS (SELECT 1 FROM admins WHERE subject = ? AND provisioner = ?)")) {
                ps.setString(1, admin.id());
                ps.setString(2, admin.subject());
                ps.setString(3, admin.provisioner());
                ps.setString(4, admin.type().name());
                ps.setObject(5, Timestamps.toDb(admin.createdAt()));
                ps.setString(6, admin.subject());
                ps.setString(7, admin.provisioner());
                return ps.executeUpdate() == 1;
            }
        });
    }

    public Optional<AdminRecord> find(String id) {
        List<AdminRecord> found = query("SELECT " + COLUMNS + " FROM admins WHERE id = ?", List.of(id));
        return found.stream().findFirst();
    }

    /** The admin record of one of these subjects under this provisioner, super-admins first. */
    public Optional<AdminRecord> findFor(String provisioner, Collection<String> subjects) {
        for (String subject : subjects) {
            List<AdminRecord> found = query("SELECT " + COLUMNS + " FROM admins WHERE provisioner = ? AND subject = ?",
                    List.of(provisioner, subject));
            if (!found.isEmpty()) {
                return Optional.of(found.get(0));
            }
        }
        return Optional.empty();
    }

    /** Admins ordered by id; the cursor is the last id of the previous page. */
    public Page<AdminRecord> list(PageRequest page) {
        List<AdminRecord> rows = query("SELECT " + COLUMNS + " FROM admins WHERE id > ? ORDER BY id LIMIT "
                + (page.limit() + 1), List.of(page.cursor()));
        if (rows.size() <= page.limit()) {
            return new Page<>(rows, "");
        }
        List<AdminRecord> items = rows.subList(0, page.limit());
        return new Page<>(items, items.get(items.size() - 1).id());
    }

    public long countSuperAdmins() {
        return database.withConnection(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("SELECT COUNT(*) FROM admins WHERE admin_type = ?")) {
                ps.setString(1, AdminRecord.Type.SUPER_ADMIN.name());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    public boolean updateType(String id, AdminRecord.Type type) {
        return database.withConnection(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("UPDATE admins SET admin_type = ? WHERE id = ?")) {
                ps.setString(1, type.name());
                ps.setString(2, id);
                return ps.executeUpdate() == 1;
            }
        });
    }

    public boolean delete(String id) {
        return database.withConnection(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("DELETE FROM admins WHERE id = ?")) {
                ps.setString(1, id);
                return ps.executeUpdate() == 1;
            }
        });
    }

    private List<AdminRecord> query(String sql, List<String> params) {
        return database.withConnection(conn -> {
            try (PreparedStatement ps = conn.prepareStatement(sql)) {
                for (int i = 0; i < params.size(); i++) {
                    ps.setString(i + 1, params.get(i));
                }
                List<AdminRecord> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(read(rs));
                    }
                }
                return out;
            }
        });
    }

    private static AdminRecord read(ResultSet rs) throws SQLException {
        return new AdminRecord(rs.getString("id"), rs.getString("subject"), rs.getString("provisioner"),
                AdminRecord.Type.valueOf(rs.getString("admin_type")),
                Timestamps.fromDb(rs.getObject("created_at", OffsetDateTime.class)));
    }
}
