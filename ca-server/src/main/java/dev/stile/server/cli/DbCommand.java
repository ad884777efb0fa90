package dev.stile.server.cli;

import dev.stile.db.retention.JdbcRetention;
import dev.stile.db.inventory.JdbcTableStats;
import dev.stile.db.Database;
import dev.stile.admin.retention.Retention;
import dev.stile.admin.inventory.TableStats;
import dev.stile.server.App;
import dev.stile.core.Environment;
import dev.stile.server.config.CaConfig;
import dev.stile.server.config.ConfigLoader;
import dev.stile.server.ops.OpsSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code stile db stats|gc [CONFIG]}: look at and clean the database by hand. {@code gc} applies
 * the configured {@code retention} now, in the same small batches as the schedule.
 */
@Command(name = "db", mixinStandardHelpOptions = true,
        description = "Database maintenance: row counts (stats) and retention now (gc).",
        subcommands = {DbCommand.Stats.class, DbCommand.Gc.class})
public final class DbCommand implements Runnable {

    private final Environment environment;

    @Spec
    CommandSpec spec;

    public DbCommand(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void run() {
        // "stile db" alone is a usage error: say what is possible.
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "stile db: give a subcommand: stats or gc");
    }

    Environment environment() {
        return environment;
    }

    /** Shared: the config argument and opening its database. */
    abstract static class DbTask implements Callable<Integer> {

        @picocli.CommandLine.ParentCommand
        DbCommand parent;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", arity = "0..1", paramLabel = "CONFIG",
                description = "The ca.json; default $STILE_HOME/config/ca.json.")
        Path config;

        CaConfig load() {
            Path file = config != null ? config : parent.environment().stileHome().resolve("config/ca.json");
            return ConfigLoader.load(file);
        }

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try {
                CaConfig ca = load();
                try (Database db = App.openDatabase(ca.db())) {
                    run(ca, db, out);
                }
                out.flush();
                return 0;
            } catch (RuntimeException e) {
                PrintWriter err = spec.commandLine().getErr();
                err.println("stile: " + ServeCommand.oneLine(e.getMessage()));
                err.flush();
                return 2;
            }
        }

        abstract void run(CaConfig ca, Database db, PrintWriter out);
    }

    /** {@code stile db stats}. */
    @Command(name = "stats", mixinStandardHelpOptions = true,
            description = "Rows per table (PostgreSQL: the planner's estimate, no table scans).")
    static final class Stats extends DbTask {
        @Override
        void run(CaConfig ca, Database db, PrintWriter out) {
            Map<String, Long> counts = new JdbcTableStats(db).rowCounts();
            int width = counts.keySet().stream().mapToInt(String::length).max().orElse(5);
            counts.forEach((table, n) -> out.printf("%-" + width + "s %12d%n", table, n));
        }
    }

    /** {@code stile db gc}. */
    @Command(name = "gc", mixinStandardHelpOptions = true,
            description = "Apply the retention settings now, in batches; prints rows deleted per rule.")
    static final class Gc extends DbTask {
        @Override
        void run(CaConfig ca, Database db, PrintWriter out) {
            OpsSettings settings = OpsSettings.from(ca);
            Retention retention = new JdbcRetention(db, settings.retention(), Clock.systemUTC(), null);
            Map<String, Long> deleted = retention.runOnce();
            deleted.forEach((rule, n) -> out.printf("%-20s %12d deleted%n", rule, n));
        }
    }
}
