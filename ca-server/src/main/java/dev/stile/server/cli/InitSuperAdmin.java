package dev.stile.server.cli;

import dev.stile.admin.FirstSuperAdmin;
import dev.stile.server.ops.AuditLog;
import dev.stile.db.Database;
import dev.stile.admin.AdminRecord;
import dev.stile.db.admin.JdbcAdminStore;
import dev.stile.server.App;
import dev.stile.authority.init.InitException;
import dev.stile.authority.init.StagedCaStep;
import dev.stile.server.config.ConfigLoader;
import dev.stile.server.config.DbConfig;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code stile init --remote-management}: creates the database ca.json names (the embedded H2 in
 * the staged CA, or PostgreSQL), migrates it, and adds the first super-admin bound to the JWK
 * provisioner init created, like {@code step ca init --remote-management}. Runs before the CA is
 * moved into place, so an unreachable database leaves no CA directory behind.
 */
public final class InitSuperAdmin implements StagedCaStep {

    private static final String H2_FILE = "jdbc:h2:file:";

    private final String subject;
    private final Clock clock;
    private final AuditLog audit = new AuditLog();
    private AdminRecord created;

    /** @param subject the admin's subject (its certificate's CN / SAN); step-ca uses {@code step} */
    public InitSuperAdmin(String subject, Clock clock) {
        this.subject = subject == null ? "" : subject.trim();
        this.clock = Objects.requireNonNull(clock, "clock");
        if (this.subject.isEmpty()) {
            throw new InitException("--admin-subject must not be empty");
        }
    }

    @Override
    public void run(Staged staged) {
        DbConfig db = staged(ConfigLoader.loadDatabase(staged.caConfig(), staged.finalDir()), staged);
        String provisioner = staged.options().provisionerName().trim();
        try (Database database = App.openDatabase(db)) {
            created = FirstSuperAdmin.create(new JdbcAdminStore(database), subject, provisioner, clock.instant())
                    .orElse(null);
        } catch (RuntimeException e) {
            throw new InitException("--remote-management: " + firstLine(e.getMessage())
                    + "; no CA was written to " + staged.finalDir(), e);
        }
        if (created != null) {
            audit.record("admin.created", "by", "init", "id", created.id(), "subject", subject,
                    "provisioner", provisioner, "type", "SUPER_ADMIN");
        }
    }

    /** The super-admin created, or empty when the database already had one (a shared PostgreSQL). */
    public Optional<AdminRecord> created() {
        return Optional.ofNullable(created);
    }

    public String subject() {
        return subject;
    }

    /** The H2 file ca.json names lies in the final directory; until the move it is in the staged one. */
    private static DbConfig staged(DbConfig db, Staged staged) {
        if (db.kind() != DbConfig.Kind.H2 || !db.jdbcUrl().startsWith(H2_FILE)) {
            return db;
        }
        String rest = db.jdbcUrl().substring(H2_FILE.length());
        int semicolon = rest.indexOf(';');
        String file = semicolon < 0 ? rest : rest.substring(0, semicolon);
        String options = semicolon < 0 ? "" : rest.substring(semicolon);
        return new DbConfig(db.type(), db.kind(), H2_FILE + staged.staged(Path.of(file)) + options, db.user(),
                db.password(), db.stepDataDir());
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).trim();
    }
}
