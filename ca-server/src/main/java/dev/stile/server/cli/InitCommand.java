package dev.stile.server.cli;

import dev.stile.authority.init.CaInitializer;
import dev.stile.authority.init.InitException;
import dev.stile.authority.init.InitOptions;
import dev.stile.authority.init.InitResult;
import dev.stile.authority.keys.KeyType;
import dev.stile.authority.PasswordFile;
import dev.stile.authority.init.StagedCaStep;
import dev.stile.admin.FirstSuperAdmin;
import dev.stile.server.cli.InitSuperAdmin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code stile init}: creates a CA directory in step's layout (see docs/init.md). Errors are one
 * line {@code stile: ...} on stderr with exit code 2; an existing CA is never touched.
 */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Create a new CA (root, intermediate, provisioner, ca.json) in step-ca's directory layout.")
public final class InitCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--dir", required = true, paramLabel = "DIR",
            description = "CA directory to create (like step's $STEPPATH); must not already hold a CA.")
    Path dir;

    @Option(names = "--name", required = true, paramLabel = "NAME",
            description = "CA name: certificates are '<NAME> Root CA' and '<NAME> Intermediate CA'.")
    String name;

    @Option(names = "--dns", required = true, split = ",", paramLabel = "HOST",
            description = "Host names or IPs of the CA (comma-separated or repeated).")
    List<String> dnsNames;

    @Option(names = "--address", required = true, paramLabel = "HOST:PORT",
            description = "Listen address, e.g. :9000 or 0.0.0.0:443.")
    String address;

    @Option(names = "--provisioner", required = true, paramLabel = "NAME",
            description = "Name of the JWK provisioner (often an email address).")
    String provisioner;

    @Option(names = "--password-file", required = true, paramLabel = "FILE",
            description = "File with the password for the CA keys (trailing whitespace is ignored).")
    Path passwordFile;

    @Option(names = "--provisioner-password-file", paramLabel = "FILE",
            description = "File with the password for the provisioner key; default: the CA password.")
    Path provisionerPasswordFile;

    @Option(names = "--acme", description = "Also add an ACME provisioner named 'acme'.")
    boolean acme;

    @Option(names = "--key-type", paramLabel = "TYPE", defaultValue = "EC-P256",
            description = "CA key type: EC-P256 (default), EC-P384, RSA-2048, RSA-3072, RSA-4096.")
    String keyType;

    @Option(names = {"--remote-management", "--admin"},
            description = "Turn the admin API on (authority.enableAdmin), create the database and a super-admin "
                    + "bound to the JWK provisioner, as step ca init --remote-management.")
    boolean remoteManagement;

    @Option(names = "--admin-subject", paramLabel = "SUBJECT", defaultValue = FirstSuperAdmin.DEFAULT_SUBJECT,
            description = "Subject of the first super-admin (with --remote-management); default: ${DEFAULT-VALUE}.")
    String adminSubject;

    @Option(names = "--db-url", paramLabel = "URL",
            description = "Store in PostgreSQL: postgresql://user:password@host:5432/stile or "
                    + "jdbc:postgresql://host:5432/stile; default: embedded H2 in DIR/db.")
    String databaseUrl;

    @Option(names = "--write-password",
            description = "Also store the CA password in DIR/secrets/password (mode 0600), where `stile serve` "
                    + "finds it, e.g. to copy the whole directory into a Kubernetes Secret.")
    boolean writePassword;

    @Option(names = "--ops-address", paramLabel = "HOST:PORT",
            description = "Also turn on the plain-HTTP ops listener (probes, metrics) at HOST:PORT, e.g. 0.0.0.0:9100.")
    String opsAddress;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            KeyType type = parseKeyType();
            char[] password = PasswordFile.read(passwordFile, "--password-file");
            char[] provisionerPassword = provisionerPasswordFile == null ? null
                    : PasswordFile.read(provisionerPasswordFile, "--provisioner-password-file");
            InitOptions options = new InitOptions(dir, name, dnsNames, address, provisioner, password,
                    provisionerPassword, acme, type, remoteManagement, databaseUrl, opsAddress);
            InitSuperAdmin admin = remoteManagement ? new InitSuperAdmin(adminSubject, Clock.systemUTC()) : null;
            StagedCaStep adminStep = admin == null ? StagedCaStep.NONE : admin;
            InitResult result = new CaInitializer().initialize(options,
                    writePassword ? new WritePassword(password).then(adminStep) : adminStep);
            out.println("Created the CA in " + result.dir());
            out.println("Root certificate:         " + result.rootCertificate());
            out.println("Intermediate certificate: " + result.intermediateCertificate());
            out.println("Configuration:            " + result.caConfig());
            out.println("Provisioner:              " + provisioner + " (JWK, kid " + result.provisionerKid() + ")"
                    + (acme ? " and acme (ACME)" : ""));
            if (writePassword) {
                out.println("Password:                 " + result.dir().resolve(WritePassword.RELATIVE_PATH));
            }
            out.println("Database:                 " + (databaseUrl == null ? result.database()
                    : options.redactedDatabaseUrl()));
            if (admin != null) {
                printAdmin(out, admin, provisioner.trim(), caUrl(dnsNames.get(0).split(",")[0].trim(), address),
                        result.rootCertificate().toString(),
                        (provisionerPasswordFile != null ? provisionerPasswordFile : passwordFile).toString());
            }
            out.println("Root fingerprint: " + result.rootFingerprint());
            out.flush();
            return 0;
        } catch (InitException | IllegalArgumentException e) {
            err.println("stile: " + e.getMessage());
            err.flush();
            return 2;
        } catch (RuntimeException e) {
            err.println("stile: init failed: " + e);
            err.flush();
            return 2;
        }
    }

    /**
     * Who the first admin is and how to act as it: stile's own commands (login, browser console)
     * and step's, whose admin command group and password flag differ between versions.
     */
    static void printAdmin(PrintWriter out, InitSuperAdmin admin, String provisioner, String caUrl, String root,
                           String passwordFile) {
        if (admin.created().isPresent()) {
            out.println("Admin API:                on; super-admin '" + admin.subject() + "' (provisioner "
                    + provisioner + ")");
        } else {
            out.println("Admin API:                on; the database already has a super-admin, none was added");
        }
        String where = " --ca-url " + caUrl + " --root " + root;
        String as = " --admin-subject " + admin.subject() + " --admin-provisioner " + provisioner;
        out.println("  Log in as that admin:   stile admin login" + where + " --provisioner " + provisioner
                + " --password-file " + passwordFile
                + (FirstSuperAdmin.DEFAULT_SUBJECT.equals(admin.subject()) ? "" : " --admin-subject " + admin.subject()));
        out.println("  In a browser:           stile admin console-url (same flags; prints a one-time URL)");
        out.println("  With step 0.19:         step beta ca admin list" + as + " --password-file " + passwordFile + where);
        out.println("  With step 0.20 or later: step ca admin list" + as + " --admin-password-file " + passwordFile + where);
    }

    /** {@code https://<first DNS name>[:port]} from the listen address init wrote. */
    static String caUrl(String dnsName, String address) {
        String port = address.substring(address.lastIndexOf(':') + 1).trim();
        String host = dnsName.contains(":") ? "[" + dnsName + "]" : dnsName;
        return "https://" + host + (port.isEmpty() || port.equals("443") ? "" : ":" + port);
    }

    private KeyType parseKeyType() {
        try {
            return KeyType.parse(keyType);
        } catch (IllegalArgumentException e) {
            throw new InitException("--key-type: " + e.getMessage());
        }
    }
}
