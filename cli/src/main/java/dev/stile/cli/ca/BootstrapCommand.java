package dev.stile.cli.ca;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stile.core.Environment;
import dev.stile.authority.CertificateExtensions;
import dev.stile.authority.keys.KeyMaterial;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

/**
 * {@code stile ca bootstrap --ca-url URL --fingerprint FP}: fetches the root by its fingerprint
 * (TLS unverified, the hash is the check), then writes {@code certs/root_ca.crt} and
 * {@code config/defaults.json} to {@code $STILE_CLIENT_HOME}, as {@code step ca bootstrap} does.
 */
@Command(name = "bootstrap", mixinStandardHelpOptions = true,
        description = "Trust a CA: download its root, check it against the fingerprint, save root and URL "
                + "in $STILE_CLIENT_HOME (default ~/.stile-client).")
final class BootstrapCommand extends CaSubcommand {

    @Option(names = "--ca-url", required = true, paramLabel = "URL", description = "The CA's URL, e.g. https://ca.example.com:9000.")
    String caUrl;

    @Option(names = "--fingerprint", required = true, paramLabel = "FP",
            description = "SHA-256 fingerprint of the root certificate (hex, as 'stile serve' prints it).")
    String fingerprint;

    @Option(names = "--force", description = "Overwrite an existing root and defaults.json.")
    boolean force;

    BootstrapCommand(Environment environment, Clock clock) {
        super(environment, clock);
    }

    @Override
    int execute(PrintWriter out, PrintWriter err) {
        String fp = normalise(fingerprint);
        ClientHome home = home();
        if (!force) {
            for (Path file : List.of(home.rootFile(), home.defaultsFile())) {
                if (Files.exists(file)) {
                    throw CliException.usage(file + " already exists; use --force to overwrite it");
                }
            }
        }
        CaClient insecure = CaClient.create(caUrl, TlsContexts.insecure(), "the fingerprint " + fp);
        JsonNode body = insecure.getJson("/root/" + fp);
        JsonNode ca = body.get("ca");
        if (ca == null || !ca.isTextual()) {
            throw CliException.refused(insecure.url("/root/" + fp) + " answered without a \"ca\" certificate");
        }
        List<X509Certificate> certificates = PemFiles.parseCertificates(ca.asText(), insecure.url("/root/" + fp).toString());
        if (certificates.isEmpty()) {
            throw CliException.refused(insecure.url("/root/" + fp) + " answered with no PEM certificate in \"ca\"");
        }
        X509Certificate root = certificates.get(0);
        String actual = CertificateExtensions.sha256Fingerprint(root);
        if (!actual.equals(fp)) {
            throw CliException.refused("the CA at " + insecure.baseUrl() + " served a root with fingerprint " + actual
                    + ", not --fingerprint " + fp + "; nothing was saved (wrong CA, or someone in between)");
        }
        home.write(KeyMaterial.toPem(root), insecure.baseUrl(), fp);
        out.println("The root certificate has been saved in " + home.rootFile() + ".");
        out.println("The authority configuration has been saved in " + home.defaultsFile() + ".");
        return 0;
    }

    /** Accepts the hex with colons, dashes or upper case, as people copy it from various tools. */
    static String normalise(String fingerprint) {
        String fp = fingerprint.trim().toLowerCase(Locale.ROOT).replace(":", "").replace("-", "");
        if (!fp.matches("[0-9a-f]{64}")) {
            throw CliException.usage("--fingerprint \"" + fingerprint + "\" is not a SHA-256 fingerprint (64 hex digits)");
        }
        return fp;
    }
}
