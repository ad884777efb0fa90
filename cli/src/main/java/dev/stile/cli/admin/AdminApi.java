package dev.stile.cli.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stile.cli.ca.CaClient;
import dev.stile.cli.ca.CaConnectionOptions;
import dev.stile.cli.ca.CliException;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/** The admin API with a session secret in {@code Authorization}. */
final class AdminApi {

    private final CaClient client;
    private final String authorization;

    private AdminApi(CaClient client, String authorization) {
        this.client = client;
        this.authorization = authorization;
    }

    static AdminApi withSession(SessionFile.Session s) {
        CaConnectionOptions.Connection ca = new CaConnectionOptions.Connection(s.caUrl(), s.root(), roots(s.root()));
        return new AdminApi(ca.client(), "Bearer " + s.token());
    }

    JsonNode get(String path) {
        return client.request("GET", path, null, authorization);
    }

    JsonNode send(String method, String path, Object body) {
        return client.request(method, path, body, authorization);
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** {@code ?a=b&c=d} of the non-blank pairs, or "". */
    static String query(String... pairs) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            if (pairs[i + 1] != null && !pairs[i + 1].isBlank()) {
                b.append(b.length() == 0 ? '?' : '&').append(pairs[i]).append('=').append(enc(pairs[i + 1].trim()));
            }
        }
        return b.toString();
    }

    static List<X509Certificate> roots(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            List<X509Certificate> out = new ArrayList<>();
            CertificateFactory.getInstance("X.509").generateCertificates(in).forEach(c -> out.add((X509Certificate) c));
            if (out.isEmpty()) {
                throw CliException.usage(file + " holds no PEM certificate");
            }
            return out;
        } catch (IOException e) {
            throw CliException.usage("cannot read the root certificate " + file + ": " + e.getMessage());
        } catch (CertificateException e) {
            throw CliException.usage(file + " is not a PEM certificate: " + e.getMessage());
        }
    }
}
