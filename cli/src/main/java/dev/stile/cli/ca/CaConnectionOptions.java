package dev.stile.cli.ca;

import dev.stile.authority.CertificateExtensions;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * {@code --ca-url} and {@code --root}, shared by every command that talks to the CA. Without
 * the flags the values come from {@code config/defaults.json} of the client home, as step does
 * with {@code $STEPPATH}.
 */
public final class CaConnectionOptions {

    @Option(names = "--ca-url", paramLabel = "URL",
            description = "The CA's URL, e.g. https://ca.example.com:9000; default: ca-url from "
                    + "$STILE_CLIENT_HOME/config/defaults.json.")
    String caUrl;

    @Option(names = "--root", paramLabel = "FILE",
            description = "PEM root certificate(s) to trust; default: root from defaults.json, else "
                    + "$STILE_CLIENT_HOME/certs/root_ca.crt.")
    Path root;

    /** The CA URL, root file and parsed roots this invocation uses. */
    public record Connection(String caUrl, Path rootFile, List<X509Certificate> roots) {

        /** step's fingerprint of the first root: lower-case hex SHA-256 of its DER. */
        public String fingerprint() {
            return CertificateExtensions.sha256Fingerprint(roots.get(0));
        }

        /** A client that trusts only the root. */
        public CaClient client() {
            return CaClient.create(caUrl, TlsContexts.trusting(roots), hint());
        }

        /** A client that trusts the root and presents a client certificate (mTLS). */
        public CaClient client(List<X509Certificate> chain, PrivateKey key) {
            return CaClient.create(caUrl, TlsContexts.withClientCertificate(roots, chain, key), hint());
        }

        private String hint() {
            return "the root in " + rootFile;
        }
    }

    /**
     * Only the CA URL (for tokens that need no call to the CA), normalised without a trailing slash.
     *
     * @throws CliException (usage) when neither the flag nor defaults.json give one
     */
    public String url(ClientHome home) {
        String url = caUrl != null ? caUrl : home.readDefaults().map(CaDefaults::caUrl).orElse(null);
        if (url == null) {
            throw CliException.usage("no CA URL: give --ca-url URL, or run 'stile ca bootstrap' first (no ca-url in "
                    + home.defaultsFile() + ")");
        }
        return CaClient.parseBase(url).toString();
    }

    /**
     * @throws CliException (usage) when neither the flags nor the client home say where the CA is
     */
    public Connection resolve(ClientHome home) {
        Optional<CaDefaults> defaults = home.readDefaults();
        String url = url(home);
        Path file = root;
        String what = "--root " + root;
        if (file == null) {
            file = defaults.map(CaDefaults::root).orElse(null);
            what = "root in " + home.defaultsFile();
        }
        if (file == null) {
            file = home.rootFile();
            what = "root certificate";
            if (!Files.exists(file)) {
                throw CliException.usage("no root certificate to trust: give --root FILE, or run 'stile ca bootstrap' first ("
                        + file + " does not exist)");
            }
        }
        return new Connection(url, file, PemFiles.readCertificates(file, what));
    }
}
