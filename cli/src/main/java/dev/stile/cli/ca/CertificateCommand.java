package dev.stile.cli.ca;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stile.core.Environment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code stile ca certificate SUBJECT CRT KEY}: token, new key, CSR, {@code POST /sign}; writes
 * the chain to CRT and the key (mode 0600) to KEY, like {@code step ca certificate}.
 */
@Command(name = "certificate", mixinStandardHelpOptions = true,
        description = "Get a certificate from a JWK provisioner: new key + CSR, signed by the CA.")
final class CertificateCommand extends CaSubcommand {

    @Parameters(index = "0", paramLabel = "SUBJECT", description = "The certificate's common name.")
    String subject;

    @Parameters(index = "1", paramLabel = "CRT", description = "Where to write the certificate chain (PEM).")
    Path crt;

    @Parameters(index = "2", paramLabel = "KEY", description = "Where to write the new private key (PEM, mode 0600).")
    Path key;

    @Option(names = "--san", paramLabel = "NAME",
            description = "A subject alternative name (DNS, IP, e-mail or URI); repeat for several. Default: SUBJECT.")
    List<String> sans = new ArrayList<>();

    @Option(names = "--not-before", paramLabel = "TIME|DURATION",
            description = "Start of the certificate's validity (RFC 3339 time or duration from now).")
    String notBefore;

    @Option(names = "--not-after", paramLabel = "TIME|DURATION",
            description = "End of the certificate's validity (RFC 3339 time, or duration such as 24h); default: the "
                    + "provisioner's default.")
    String notAfter;

    @Option(names = "--kty", paramLabel = "EC|RSA|OKP", description = "Key type; default EC.")
    String kty;

    @Option(names = "--curve", paramLabel = "CURVE", description = "P-256 (default), P-384, P-521; Ed25519 for OKP.")
    String curve;

    @Option(names = "--size", paramLabel = "BITS", description = "RSA key size; default 2048.")
    Integer size;

    @Option(names = "--force", description = "Overwrite CRT and KEY if they exist.")
    boolean force;

    @Mixin
    ProvisionerOptions provisioner;

    @Mixin
    CaConnectionOptions connection;

    CertificateCommand(Environment environment, Clock clock) {
        super(environment, clock);
    }

    @Override
    int execute(PrintWriter out, PrintWriter err) {
        if (!force) {
            for (Path file : List.of(crt, key)) {
                if (Files.exists(file)) {
                    throw CliException.usage(file + " already exists; use --force to overwrite it");
                }
            }
        }
        String requestNotBefore = TimeArgs.forSignRequest(notBefore, "--not-before");
        String requestNotAfter = TimeArgs.forSignRequest(notAfter, "--not-after");
        KeyPair keys = KeysAndRequests.generate(kty, curve, size);

        CaConnectionOptions.Connection ca = connection.resolve(home());
        CaClient client = ca.client();
        ProvisionerOptions.Signer signer = provisioner.load(client);
        Instant now = clock.instant();
        List<String> names = sans.isEmpty() ? List.of(subject) : sans;
        String token = TokenFactory.sign(signer.key(), signer.name(), subject, names, client.baseUrl(), ca.fingerprint(),
                now, now.plus(TokenValidity.DEFAULT), now);

        Map<String, Object> request = new LinkedHashMap<>();
        request.put("csr", KeysAndRequests.csrPem(keys, subject, names));
        request.put("ott", token);
        request.put("notBefore", requestNotBefore);
        request.put("notAfter", requestNotAfter);
        JsonNode body = client.postJson("/sign", request, null);
        List<X509Certificate> chain = SignResponses.chain(body, client.url("/sign"));
        SignResponses.requireKey(chain, keys.getPublic(), client.url("/sign"));

        AtomicFiles.write(key, PemFiles.toPem(keys.getPrivate()), true);
        AtomicFiles.write(crt, SignResponses.pem(chain), false);
        out.println("Certificate: " + crt + " (serial " + chain.get(0).getSerialNumber() + ", valid until "
                + chain.get(0).getNotAfter().toInstant() + ")");
        out.println("Private key: " + key);
        return 0;
    }
}
