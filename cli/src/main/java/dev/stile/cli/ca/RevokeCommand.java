package dev.stile.cli.ca;

import dev.stile.core.Environment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code stile ca revoke SERIAL} (a revoke token from a JWK provisioner) or
 * {@code stile ca revoke --cert CRT --key KEY} (mTLS with the certificate itself), like
 * {@code step ca revoke}; always passive revocation.
 */
@Command(name = "revoke", mixinStandardHelpOptions = true,
        description = "Revoke a certificate by serial (provisioner token) or with its own key (--cert/--key, mTLS).")
final class RevokeCommand extends CaSubcommand {

    @Parameters(index = "0", arity = "0..1", paramLabel = "SERIAL",
            description = "Serial number, decimal or 0x-prefixed hex; taken from --cert when omitted.")
    String serial;

    @Option(names = "--cert", paramLabel = "CRT", description = "The certificate to revoke (mTLS with --key).")
    Path cert;

    @Option(names = "--key", paramLabel = "KEY", description = "Its private key.")
    Path key;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Free-text reason recorded with the revocation.")
    String reason;

    @Option(names = "--reasonCode", paramLabel = "CODE",
            description = "RFC 5280 reason: a number 0-10 or a name such as keyCompromise; default 0 (unspecified).")
    String reasonCode;

    @Mixin
    ProvisionerOptions provisioner;

    @Mixin
    CaConnectionOptions connection;

    RevokeCommand(Environment environment, Clock clock) {
        super(environment, clock);
    }

    @Override
    int execute(PrintWriter out, PrintWriter err) {
        int code = RevocationReasons.parse(reasonCode);
        if ((cert == null) != (key == null)) {
            throw CliException.usage("--cert and --key go together");
        }
        CaConnectionOptions.Connection ca = connection.resolve(home());
        String decimal;
        CaClient client;
        String token = "";
        if (cert != null) {
            List<X509Certificate> chain = PemFiles.readCertificates(cert, "--cert");
            PrivateKey privateKey = PemFiles.readPrivateKey(key, "--key");
            PemFiles.requireMatching(chain.get(0), privateKey, cert, key);
            decimal = chain.get(0).getSerialNumber().toString();
            if (serial != null && !Serials.toDecimal(serial, "SERIAL").equals(decimal)) {
                throw CliException.usage("SERIAL " + serial + " is not the serial of --cert " + cert + " (" + decimal + ")");
            }
            client = ca.client(chain, privateKey);
        } else {
            if (serial == null) {
                throw CliException.usage("give the SERIAL to revoke, or --cert CRT --key KEY");
            }
            decimal = Serials.toDecimal(serial, "SERIAL");
            client = ca.client();
            ProvisionerOptions.Signer signer = provisioner.load(client);
            Instant now = clock.instant();
            token = TokenFactory.revoke(signer.key(), signer.name(), decimal, client.baseUrl(), ca.fingerprint(), now,
                    now.plus(TokenValidity.DEFAULT), now);
        }
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("serial", decimal);
        request.put("ott", token);
        request.put("reasonCode", code);
        request.put("reason", reason == null ? "" : reason);
        request.put("passive", true);
        client.postJson("/revoke", request, null);
        out.println("Certificate with serial number " + decimal + " has been revoked.");
        return 0;
    }
}
