package dev.stile.server.http.admin.console;

import dev.stile.db.Database;
import dev.stile.db.inventory.CertificateInventory;
import dev.stile.db.inventory.DashboardQueries;
import dev.stile.db.admin.JdbcAdminSessions;
import dev.stile.db.admin.JdbcAdminStore;
import dev.stile.db.inventory.RenewalTracker;
import dev.stile.db.retention.Retention;
import dev.stile.db.inventory.TableStats;
import dev.stile.provisioners.ProvisionerRegistry;
import dev.stile.server.http.RouteModule;
import dev.stile.server.ops.AuditLog;
import dev.stile.server.http.admin.AdminAuthenticator;
import dev.stile.server.http.admin.session.AdminSessions;
import dev.stile.server.http.admin.session.SessionRoutes;

import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/**
 * Issue 14's part of the admin API, built in one call from OpsWiring: admin sessions (and makes
 * the authenticator accept them), the console pages, the dashboard and certificate detail.
 */
public final class ConsoleWiring {

    private ConsoleWiring() {
    }

    public static List<RouteModule> modules(AdminAuthenticator authenticator, Database database, JdbcAdminStore admins,
                                            Supplier<ProvisionerRegistry> provisioners, CertificateInventory inventory,
                                            RenewalTracker tracker, Retention retention, boolean retentionOn,
                                            AuditLog audit, Clock clock) {
        AdminSessions sessions = new AdminSessions(new JdbcAdminSessions(database), admins, audit, clock);
        authenticator.acceptSessions(sessions);
        return List.of(
                new SessionRoutes(authenticator, sessions),
                new ConsoleRoutes(sessions, new PasswordLogin(provisioners, admins, sessions, audit, clock), audit),
                new DashboardRoutes(authenticator, admins, inventory, new DashboardQueries(database), tracker,
                        new TableStats(database), retention, retentionOn, clock));
    }
}
