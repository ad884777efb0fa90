package dev.stile.server.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stile.server.testsupport.TestCa;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * Asks the server what it knows about a certificate through ACME Renewal Information (RFC 9773),
 * the one unauthenticated ACME resource that reflects revocation: a revoked certificate's
 * suggested window has already begun, a fresh one's lies in the future.
 */
final class RenewalInfoProbe {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AcmeServer server;
    private final HttpClient client;

    RenewalInfoProbe(AcmeServer server) {
        this.server = server;
        this.client = TestCa.clientTrusting(server.tlsTrust());
    }

    /** The suggested renewal window. */
    record Window(Instant start, Instant end) {
    }

    Window window(X509Certificate certificate) {
        JsonNode directory = get(server.directory());
        String base = directory.path("renewalInfo").asText("");
        if (base.isEmpty()) {
            throw new AssertionError("the directory " + server.directory() + " has no renewalInfo: " + directory);
        }
        URI uri = URI.create(base.endsWith("/") ? base + certId(certificate) : base + "/" + certId(certificate));
        JsonNode window = get(uri).path("suggestedWindow");
        return new Window(Instant.parse(window.path("start").asText()), Instant.parse(window.path("end").asText()));
    }

    /**
     * RFC 9773 section 4.1: base64url(authority key identifier) "." base64url(serial number's DER
     * content octets), both without padding.
     */
    static String certId(X509Certificate certificate) {
        try {
            byte[] extension = certificate.getExtensionValue(Extension.authorityKeyIdentifier.getId());
            if (extension == null) {
                throw new AssertionError(certificate.getSubjectX500Principal() + " has no authority key identifier");
            }
            byte[] keyId = AuthorityKeyIdentifier.getInstance(JcaX509ExtensionUtils.parseExtensionValue(extension))
                    .getKeyIdentifierOctets();
            Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
            return b64.encodeToString(keyId) + "." + b64.encodeToString(certificate.getSerialNumber().toByteArray());
        } catch (IOException e) {
            throw new AssertionError("unreadable authority key identifier", e);
        }
    }

    private JsonNode get(URI uri) {
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("GET " + uri + " answered " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("GET " + uri + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
