package dev.stile.server.http.admin.console;

import dev.stile.admin.AdminSessionStore;
import dev.stile.admin.AdminStore;
import dev.stile.admin.inventory.CertificateInventory;
import dev.stile.admin.inventory.DashboardQueries;
import dev.stile.admin.inventory.RenewalTracker;
import dev.stile.admin.inventory.TableStats;
import dev.stile.admin.retention.Retention;
import dev.stile.provisioners.ProvisionerRegistry;
import dev.stile.server.http.RouteModule;
import dev.stile.server.http.admin.AdminAuthenticator;
import dev.stile.server.http.admin.session.AdminSessions;
import dev.stile.server.http.admin.session.SessionRoutes;
import dev.stile.server.ops.AuditLog;

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

    public static List<RouteModule> modules(AdminAuthenticator authenticator, AdminStore admins,
                                            AdminSessionStore sessionStore, Supplier<ProvisionerRegistry> provisioners,
                                            CertificateInventory inventory, RenewalTracker tracker,
                                            DashboardQueries dashboard, TableStats tables, Retention retention,
                                            boolean retentionOn, AuditLog audit, Clock clock) {
        AdminSessions sessions = new AdminSessions(sessionStore, admins, audit, clock);
        authenticator.acceptSessions(sessions);
        return List.of(
                new SessionRoutes(authenticator, sessions),
                new ConsoleRoutes(sessions, new PasswordLogin(provisioners, admins, sessions, audit, clock), audit),
                new DashboardRoutes(authenticator, admins, inventory, dashboard, tracker, tables, retention,
                        retentionOn, clock));
    }
}
