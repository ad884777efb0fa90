package dev.stile.cli.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stile.core.Environment;
import dev.stile.cli.ca.CliException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code stile admin provisioners|admins|sessions ...}. */
final class ManageCommands {

    private ManageCommands() {
    }

    /** A JSON object from a file ({@code -} is stdin), or a one-line error naming the file. */
    static JsonNode jsonFile(Path file, String flag) {
        try {
            String text = file.toString().equals("-") ? new String(System.in.readAllBytes()) : Files.readString(file);
            JsonNode n = AdminSubcommand.JSON.readTree(text);
            if (n == null || !n.isObject()) {
                throw CliException.usage(flag + " " + file + " must hold one JSON object");
            }
            return n;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw CliException.usage(flag + " " + file + " is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw CliException.usage("cannot read " + flag + " " + file + ": " + e.getMessage());
        }
    }

    static void done(AdminSubcommand cmd, PrintWriter out, JsonNode answer, String sentence) throws Exception {
        if (!cmd.printedJson(out, answer)) {
            out.println(sentence);
        }
    }

    @Command(name = "provisioners", mixinStandardHelpOptions = true, description = "List, add, update and remove provisioners.")
    static final class Provisioners extends CommandGroup {
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List provisioners.")
    static final class ProvisionersList extends InventoryCommands.Listing {
        ProvisionersList(Environment environment, Clock clock) {
            super(environment, clock);
        }

        @Override
        int execute(PrintWriter out, PrintWriter err) throws Exception {
            JsonNode a = api().get("/admin/provisioners?" + paging());
            if (!printedJson(out, a)) {
                Table t = new Table("NAME", "TYPE", "KEY ID");
                a.path("provisioners").forEach(p -> t.row(p.path("name").asText(), p.path("type").asText(),
                        p.path("key").path("kid").asText("")));
                t.print(out);
            }
            nextPage(err, a);
            return 0;
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Add a provisioner given as a ca.json provisioner object (or linkedca protojson) in a file.")
    static final class ProvisionersAdd extends AdminSubcommand {
        @Option(names = "--file", required = true, paramLabel = "FILE", description = "JSON file; - for stdin.") Path file;

        ProvisionersAdd(Environment environment, Clock clock) {
            super(environment, clock);
        }

        @Override
        int execute(PrintWriter out, PrintWriter err) throws Exception {
            JsonNode a = api().send("POST", "/admin/provisioners", jsonFile(file, "--file"));
            done(this, out, a, "Added provisioner " + a.path("name").asText() + " (" + a.path("type").asText() + ")");
            return 0;
        }
    }

    @Command(name = "update", mixinStandardHelpOptions = true, description = "Replace a provisioner with the object in a file.")
    static final class ProvisionersUpdate extends AdminSubcommand {
        @Parameters(paramLabel = "NAME") String name;
        @Option(names = "--file", required = true, paramLabel = "FILE", description = "JSON file; - for stdin.") Path file;

        ProvisionersUpdate(Environment environment, Clock clock) {
            super(environment, clock);
        }

        @Override
        int execute(PrintWriter out, PrintWriter err) throws Exception {
            JsonNode a = api().send("PUT", "/admin/provisioners/" + AdminApi.enc(name), jsonFile(file, "--file"));
            done(this, out, a, "Updated provisioner " + name);
            return 0;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a provisioner.")
    static final class ProvisionersRemove extends AdminSubcommand {
        @Parameters(paramLabel = "NAME") String name;

        ProvisionersRemove(Environment environment, Clock clock) {
            super(environment, clock);
        }

        @Override
        int execute(PrintWriter out, PrintWriter err) throws Exception {
            JsonNode a = api().send("DELETE", "/admin/provisioners/" + AdminApi.enc(name), null);
            done(this, out, a, "Removed provisioner " + name);
            return 0;
        }
    }

    @Command(name = "admins", mixinStandardHelpOptions = true, description = "List, add and remove admins.")
    static final class Admins extends CommandGroup {
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List admins.")
    static final class AdminsList extends InventoryCommands.Listing {
        AdminsList(Environment environment, Clock clock) {
            super(environment, clock);
        }

        @Override
        int execute(PrintWriter out, PrintWriter err) throws Exception {
            JsonNode a = api().get("/admin/admins?" + paging());
            if (!printedJson(out, a)) {
                Table t = new Table("ID", "SUBJECT", "PROVISIONER", "TYPE");
                a.path("admins").forEach(x -> t.row(x.path("id").asText(), x.path("subject").asText(),
                        x.path("provisioner_name").asText(x.path("provisioner_id").asText()),
                        x.path("type").asInt() == 2 ? "SUPER_ADMIN" : "ADMIN"));
                t.print(out);
            }
            nextPage(err, a);
            return 0;
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add an admin: SUBJECT bound to PROVISIONER.")
    static final class AdminsAdd extends AdminSubcommand {
        @Parameters(index = "0", paramLabel = "SUBJECT") String subject;
        @Parameters(index = "1", paramLabel = "PROVISIONER") String provisioner;
        @Option(names = "--super", description = "Make it a SUPER_ADMIN (may change admins).") boolean superAdmin;

        AdminsAdd(Environment environment, Clock clock) {
            super(environment, clock);
        }

        @Override
        int execute(PrintWriter out, PrintWriter err) throws Exception {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("subject", subject);
            body.put("provisioner", provisioner);
            body.put("type", superAdmin ? "SUPER_ADMIN" : "ADMIN");
            JsonNode a = api().send("POST", "/admin/admins", body);
            done(this, out, a, "Added " + a.path("type").asText() + " " + subject + " for provisioner " + provisioner
                    + " (id " + a.path("id").asText() + ")");
            return 0;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove an admin by id.")
    static final class AdminsRemove extends AdminSubcommand {
        @Parameters(paramLabel = "ID") String id;

        AdminsRemove(Environment environment, Clock clock) {
            super(environment, clock);
        }

        @Override
        int execute(PrintWriter out, PrintWriter err) throws Exception {
            JsonNode a = api().send("DELETE", "/admin/admins/" + AdminApi.enc(id), null);
            done(this, out, a, "Removed admin " + id);
            return 0;
        }
    }

    @Command(name = "sessions", mixinStandardHelpOptions = true, description = "List live admin sessions and revoke one.")
    static final class Sessions extends CommandGroup {
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Live sessions and unused console links.")
    static final class SessionsList extends InventoryCommands.Listing {
        SessionsList(Environment environment, Clock clock) {
            super(environment, clock);
        }

        @Override
        int execute(PrintWriter out, PrintWriter err) throws Exception {
            JsonNode a = api().get("/admin/sessions?" + paging());
            if (!printedJson(out, a)) {
                Table t = new Table("ID", "KIND", "SUBJECT", "CREATED", "EXPIRES", "");
                a.path("sessions").forEach(s -> t.row(s.path("id").asText(), s.path("kind").asText(),
                        s.path("subject").asText(), s.path("createdAt").asText(), s.path("expiresAt").asText(),
                        s.path("current").asBoolean() ? "(this one)" : ""));
                t.print(out);
            }
            nextPage(err, a);
            return 0;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "End a session by id.")
    static final class SessionsRevoke extends AdminSubcommand {
        @Parameters(paramLabel = "ID") String id;

        SessionsRevoke(Environment environment, Clock clock) {
            super(environment, clock);
        }

        @Override
        int execute(PrintWriter out, PrintWriter err) throws Exception {
            JsonNode a = api().send("DELETE", "/admin/sessions/" + AdminApi.enc(id), null);
            done(this, out, a, "Session " + id + ": " + a.path("status").asText());
            return 0;
        }
    }
}
