package dev.stile.cli.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stile.core.Environment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code stile admin certificates|certificate|revoke|renewal-gaps|validation-failures|orders}. */
final class InventoryCommands {

    private InventoryCommands() {
    }

    /** {@code --limit} and {@code --cursor} of every list. */
    abstract static class Listing extends AdminSubcommand {

        @Option(names = "--limit", paramLabel = "N", description = "Rows per page (default 100).")
        Integer limit = 100;

        @Option(names = "--cursor", paramLabel = "CURSOR", description = "The page after this cursor (printed on stderr).")
        String cursor;

        Listing(Environment environment, Clock clock) {
            super(environment, clock);
        }

        String paging() {
            return "limit=" + limit + (cursor == null ? "" : "&cursor=" + AdminApi.enc(cursor));
        }

        static String join(String query, String paging) {
            return query.isEmpty() ? "?" + paging : query + "&" + paging;
        }
    }

    @Command(name = "certificates", mixinStandardHelpOptions = true,
            description = "List certificates, newest first, by name, serial (decimal or hex), provisioner, status or expiry.")
    static final class Certificates extends Listing {
        @Option(names = "--name", description = "A DNS name, IP or e-mail on the certificate.") String name;
        @Option(names = "--serial", description = "Serial in decimal (as step prints it) or hex.") String serial;
        @Option(names = "--provisioner", description = "Provisioner name.") String provisioner;
        @Option(names = "--status", description = "active, expired or revoked.") String status;
        @Option(names = "--expiring-within", paramLabel = "DURATION", description = "e.g. 24h or 168h.") String within;

        Certificates(Environment environment, Clock clock) {
            super(environment, clock);
        }

        @Override
        int execute(PrintWriter out, PrintWriter err) throws Exception {
            JsonNode a = api().get("/admin/certificates" + join(AdminApi.query("name", name, "serial", serial,
                    "provisioner", provisioner, "status", status, "expiringBefore", within), paging()));
            if (!printedJson(out, a)) {
                Table t = new Table("SERIAL", "NAMES", "STATUS", "NOT AFTER", "PROVISIONER");
                for (JsonNode c : a.path("certificates")) {
                    t.row(c.path("serialDecimal").asText(), names(c), c.path("status").asText(), c.path("notAfter").asText(),
                            c.path("provisioner").asText());
                }
                t.print(out);
            }
            nextPage(err, a);
            return 0;
        }

        static String names(JsonNode c) {
            List<String> names = new ArrayList<>();
            c.path("sans").forEach(s -> names.add(s.asText().replaceFirst("^[a-z]+:", "")));
            return names.isEmpty() ? c.path("subject").asText() : String.join(",", names);
        }
    }

    @Command(name = "certificate", mixinStandardHelpOptions = true,
            description = "Show one certificate: names, validity, provisioner, ACME account and order, ARI window, chain.")
    static final class Certificate extends AdminSubcommand {
        @Parameters(paramLabel = "SERIAL", description = "Decimal or hex.") String serial;

        Certificate(Environment environment, Clock clock) {
            super(environment, clock);
        }

        @Override
        int execute(PrintWriter out, PrintWriter err) throws Exception {
            JsonNode c = api().get("/admin/certificates/" + AdminApi.enc(serial.trim()));
            if (!printedJson(out, c)) {
                Table t = new Table("FIELD", "VALUE");
                t.row("serial", c.path("serialDecimal").asText() + " (hex " + c.path("serial").asText() + ")");
                t.row("status", c.path("status").asText() + (c.has("revokedAt") ? " at " + c.path("revokedAt").asText()
                        + " (" + c.path("revocationReason").asText() + ")" : ""));
                t.row("subject", c.path("subject").asText());
                t.row("names", Certificates.names(c));
                t.row("valid", c.path("notBefore").asText() + " to " + c.path("notAfter").asText());
                t.row("provisioner", c.path("provisioner").asText() + " (" + c.path("provisionerType").asText() + ")");
                if (c.has("acme")) {
                    t.row("acme account", c.path("acme").path("account").asText());
                    t.row("acme order", c.path("acme").path("order").asText());
                }
                t.row("ARI window", c.path("renewalWindow").path("start").asText() + " to "
                        + c.path("renewalWindow").path("end").asText());
                c.path("chain").forEach(x -> t.row("chain", x.path("subject").asText()));
                t.print(out);
            }
            return 0;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a certificate by serial (decimal or hex).")
    static final class Revoke extends AdminSubcommand {
        @Parameters(paramLabel = "SERIAL") String serial;
        @Option(names = "--reason", defaultValue = "unspecified",
                description = "RFC 5280 reason: keyCompromise, superseded, cessationOfOperation, ...") String reason;

        Revoke(Environment environment, Clock clock) {
            super(environment, clock);
        }

        @Override
        int execute(PrintWriter out, PrintWriter err) throws Exception {
            JsonNode c = api().send("POST", "/admin/certificates/" + AdminApi.enc(serial.trim()) + "/revoke",
                    Map.of("reason", reason));
            if (!printedJson(out, c)) {
                out.println("Revoked certificate " + c.path("serialDecimal").asText() + " (" + Certificates.names(c)
                        + ") at " + c.path("revokedAt").asText() + ", reason " + c.path("revocationReason").asText());
            }
            return 0;
        }
    }

    @Command(name = "renewal-gaps", mixinStandardHelpOptions = true,
            description = "Names whose newest certificate expires within a window with no newer one: renewals that stopped.")
    static final class RenewalGaps extends Listing {
        @Option(names = "--within", defaultValue = "24h", description = "Window; default ${DEFAULT-VALUE}.") String within;

        RenewalGaps(Environment environment, Clock clock) {
            super(environment, clock);
        }

        @Override
        int execute(PrintWriter out, PrintWriter err) throws Exception {
            JsonNode a = api().get("/admin/renewal-gaps" + join(AdminApi.query("within", within), paging()));
            if (!printedJson(out, a)) {
                Table t = new Table("NAME", "NOT AFTER", "EXPIRED", "NEWEST SERIAL (HEX)");
                a.path("gaps").forEach(g -> t.row(g.path("name").asText(), g.path("notAfter").asText(),
                        g.path("expired").asBoolean() ? "yes" : "no", g.path("serial").asText()));
                t.print(out);
            }
            nextPage(err, a);
            return 0;
        }
    }

    @Command(name = "validation-failures", mixinStandardHelpOptions = true,
            description = "Recent failed challenge validations, newest first, with the cause.")
    static final class ValidationFailures extends Listing {
        ValidationFailures(Environment environment, Clock clock) {
            super(environment, clock);
        }

        @Override
        int execute(PrintWriter out, PrintWriter err) throws Exception {
            JsonNode a = api().get("/admin/validation-failures?" + paging());
            if (!printedJson(out, a)) {
                Table t = new Table("WHEN", "NAME", "CHALLENGE", "CAUSE", "WHAT HAPPENED");
                a.path("failures").forEach(f -> t.row(f.path("failedAt").asText(), f.path("identifier").asText(),
                        f.path("challenge").asText(), f.path("outcome").asText() + (f.path("final").asBoolean() ? "" : " (retrying)"),
                        f.path("problem").path("detail").asText()));
                t.print(out);
            }
            nextPage(err, a);
            return 0;
        }
    }

    @Command(name = "orders", mixinStandardHelpOptions = true, description = "ACME orders, newest first.")
    static final class Orders extends Listing {
        @Option(names = "--status", description = "pending, ready, processing, valid or invalid.") String status;
        @Option(names = "--provisioner") String provisioner;
        @Option(names = "--account", description = "ACME account id.") String account;

        Orders(Environment environment, Clock clock) {
            super(environment, clock);
        }

        @Override
        int execute(PrintWriter out, PrintWriter err) throws Exception {
            JsonNode a = api().get("/admin/orders" + join(AdminApi.query("status", status, "provisioner", provisioner,
                    "account", account), paging()));
            if (!printedJson(out, a)) {
                Table t = new Table("ORDER", "STATUS", "NAMES", "CREATED", "PROVISIONER", "ERROR");
                a.path("orders").forEach(o -> {
                    List<String> names = new ArrayList<>();
                    o.path("identifiers").forEach(i -> names.add(i.path("value").asText()));
                    t.row(o.path("id").asText(), o.path("status").asText(), String.join(",", names),
                            o.path("created").asText(), o.path("provisioner").asText(), o.path("error").path("detail").asText(""));
                });
                t.print(out);
            }
            nextPage(err, a);
            return 0;
        }
    }
}
