package dev.stile.cli.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stile.core.Environment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/** {@code stile admin eab ...} and {@code stile admin policy ...}. */
final class EabPolicyCommands {

    private EabPolicyCommands() {
    }

    @Command(name = "eab", mixinStandardHelpOptions = true, description = "ACME External Account Binding keys.")
    static final class Eab extends CommandGroup {
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create an EAB key for an ACME provisioner; the HMAC key is shown this once.")
    static final class EabCreate extends AdminSubcommand {
        @Parameters(paramLabel = "PROVISIONER") String provisioner;
        @Option(names = "--reference", description = "Your name for the key, unique per provisioner.") String reference;

        EabCreate(Environment environment, Clock clock) {
            super(environment, clock);
        }

        @Override
        int execute(PrintWriter out, PrintWriter err) throws Exception {
            JsonNode k = api().send("POST", "/admin/acme/eab/" + AdminApi.enc(provisioner),
                    Map.of("reference", reference == null ? "" : reference));
            if (!printedJson(out, k)) {
                Table t = new Table("KEY ID", "HMAC KEY", "REFERENCE");
                // Base64url, as ACME clients take it (certbot --eab-hmac-key, lego --hmac, cert-manager).
                String hmac = k.path("hmacKey").asText().replace('+', '-').replace('/', '_').replaceAll("=+$", "");
                t.row(k.path("id").asText(), hmac, k.path("reference").asText());
                t.print(out);
                err.println("The HMAC key is shown only now; store it with the ACME client's configuration.");
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the EAB keys of an ACME provisioner.")
    static final class EabList extends InventoryCommands.Listing {
        @Parameters(paramLabel = "PROVISIONER") String provisioner;

        EabList(Environment environment, Clock clock) {
            super(environment, clock);
        }

        @Override
        int execute(PrintWriter out, PrintWriter err) throws Exception {
            JsonNode a = api().get("/admin/acme/eab/" + AdminApi.enc(provisioner) + "?" + paging());
            if (!printedJson(out, a)) {
                Table t = new Table("KEY ID", "REFERENCE", "BOUND TO ACCOUNT");
                a.path("eaks").forEach(k -> t.row(k.path("id").asText(), k.path("reference").asText(""),
                        k.path("account").asText("-")));
                t.print(out);
            }
            nextPage(err, a);
            return 0;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Delete an EAB key.")
    static final class EabRevoke extends AdminSubcommand {
        @Parameters(index = "0", paramLabel = "PROVISIONER") String provisioner;
        @Parameters(index = "1", paramLabel = "KEY_ID") String keyId;

        EabRevoke(Environment environment, Clock clock) {
            super(environment, clock);
        }

        @Override
        int execute(PrintWriter out, PrintWriter err) throws Exception {
            JsonNode a = api().send("DELETE", "/admin/acme/eab/" + AdminApi.enc(provisioner) + "/" + AdminApi.enc(keyId), null);
            ManageCommands.done(this, out, a, "Revoked EAB key " + keyId + " of provisioner " + provisioner);
            return 0;
        }
    }

    @Command(name = "policy", mixinStandardHelpOptions = true, description = "The authority's name policy.")
    static final class Policy extends CommandGroup {
    }

    @Command(name = "get", mixinStandardHelpOptions = true, description = "Print the authority policy (JSON).")
    static final class PolicyGet extends AdminSubcommand {
        PolicyGet(Environment environment, Clock clock) {
            super(environment, clock);
        }

        @Override
        int execute(PrintWriter out, PrintWriter err) throws Exception {
            JsonNode policy;
            try {
                policy = api().get("/admin/policy");
            } catch (dev.stile.cli.ca.CliException e) {
                if (!e.getMessage().contains("(HTTP 404)")) {
                    throw e;
                }
                err.println("No authority policy is set: every name a provisioner allows is allowed.");
                policy = JSON.createObjectNode();
            }
            out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(policy));
            return 0;
        }
    }

    @Command(name = "set", mixinStandardHelpOptions = true,
            description = "Create or replace the authority policy from a JSON file (linkedca form, as 'policy get' prints).")
    static final class PolicySet extends AdminSubcommand {
        @Option(names = "--file", required = true, paramLabel = "FILE", description = "JSON file; - for stdin.") Path file;

        PolicySet(Environment environment, Clock clock) {
            super(environment, clock);
        }

        @Override
        int execute(PrintWriter out, PrintWriter err) throws Exception {
            JsonNode body = ManageCommands.jsonFile(file, "--file");
            AdminApi api = api();
            JsonNode a;
            try {
                a = api.send("PUT", "/admin/policy", body);
            } catch (dev.stile.cli.ca.CliException e) {
                if (!e.getMessage().contains("(HTTP 404)")) {
                    throw e;
                }
                a = api.send("POST", "/admin/policy", body);
            }
            ManageCommands.done(this, out, a, "Authority policy saved");
            return 0;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Delete the authority policy.")
    static final class PolicyRemove extends AdminSubcommand {
        PolicyRemove(Environment environment, Clock clock) {
            super(environment, clock);
        }

        @Override
        int execute(PrintWriter out, PrintWriter err) throws Exception {
            JsonNode a = api().send("DELETE", "/admin/policy", null);
            ManageCommands.done(this, out, a, "Authority policy removed");
            return 0;
        }
    }
}
