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
import java.util.ArrayList;
import java.util.List;

/**
 * {@code stile ca token SUBJECT}: prints a one-time token, minted as {@code step ca token} mints
 * it: a sign token by default, a revoke token with {@code --revoke} (SUBJECT = serial), or a
 * renew token with {@code --renew --x5c-cert --x5c-key} (no call to the CA).
 */
@Command(name = "token", mixinStandardHelpOptions = true,
        description = "Print a one-time token for /sign (default), /revoke (--revoke) or /renew (--renew).")
final class TokenCommand extends CaSubcommand {

    @Parameters(index = "0", arity = "0..1", paramLabel = "SUBJECT",
            description = "The certificate's subject (CN), or the serial number with --revoke.")
    String subject;

    @Option(names = "--san", paramLabel = "NAME",
            description = "A subject alternative name (DNS, IP, e-mail or URI); repeat for several. Default: SUBJECT.")
    List<String> sans = new ArrayList<>();

    @Option(names = "--revoke", description = "A token to revoke the certificate with serial number SUBJECT.")
    boolean revoke;

    @Option(names = "--renew", description = "A renew token signed by --x5c-key for the certificate --x5c-cert.")
    boolean renew;

    @Option(names = "--x5c-cert", paramLabel = "CRT", description = "With --renew: the certificate (chain) to renew.")
    Path x5cCert;

    @Option(names = "--x5c-key", paramLabel = "KEY", description = "With --renew: its private key.")
    Path x5cKey;

    @Mixin
    ProvisionerOptions provisioner;

    @Mixin
    TokenValidity validity;

    @Mixin
    CaConnectionOptions connection;

    TokenCommand(Environment environment, Clock clock) {
        super(environment, clock);
    }

    @Override
    int execute(PrintWriter out, PrintWriter err) {
        Instant now = clock.instant();
        TokenValidity.Window window = validity.window(now);
        if (renew) {
            out.println(renewToken(window, now));
            return 0;
        }
        if (subject == null || subject.isBlank()) {
            throw CliException.usage("SUBJECT is required (the certificate's name, or the serial with --revoke)");
        }
        if (revoke && !sans.isEmpty()) {
            throw CliException.usage("--san cannot be used with --revoke");
        }
        CaConnectionOptions.Connection ca = connection.resolve(home());
        CaClient client = ca.client();
        ProvisionerOptions.Signer signer = provisioner.load(client);
        String token = revoke
                ? TokenFactory.revoke(signer.key(), signer.name(), Serials.toDecimal(subject, "SUBJECT"), client.baseUrl(),
                ca.fingerprint(), window.notBefore(), window.notAfter(), now)
                : TokenFactory.sign(signer.key(), signer.name(), subject, sans, client.baseUrl(), ca.fingerprint(),
                window.notBefore(), window.notAfter(), now);
        out.println(token);
        return 0;
    }

    private String renewToken(TokenValidity.Window window, Instant now) {
        if (x5cCert == null || x5cKey == null) {
            throw CliException.usage("--renew needs --x5c-cert CRT and --x5c-key KEY");
        }
        List<X509Certificate> chain = PemFiles.readCertificates(x5cCert, "--x5c-cert");
        PrivateKey key = PemFiles.readPrivateKey(x5cKey, "--x5c-key");
        PemFiles.requireMatching(chain.get(0), key, x5cCert, x5cKey);
        return TokenFactory.renew(chain, key, connection.url(home()), window.notBefore(), window.notAfter(), now);
    }
}
