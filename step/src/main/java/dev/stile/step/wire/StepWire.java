package dev.stile.step.wire;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stile.authority.IssuedCertificate;
import dev.stile.authority.keys.KeyMaterial;
import dev.stile.core.Page;
import dev.stile.provisioners.Provisioner;
import dev.stile.provisioners.StepMessages;
import dev.stile.step.StepErrorKind;
import dev.stile.step.StepException;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * step-ca's JSON wire format for the step use cases' results and failures, field for field as the
 * step CLI and step-issuer decode it (reference 2.x). The HTTP edge sends exactly these trees, and
 * the wire-format fixtures test them, so what a client reads is decided here once.
 */
public final class StepWire {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private StepWire() {
    }

    /** An error answer: the HTTP status and step's {@code {"status","message"}} body. */
    public record Error(int status, ObjectNode body) {
    }

    /** {@code /sign}, {@code /renew} and {@code /rekey}: 201 with the certificate, its chain and the CA's TLS options. */
    public static ObjectNode signResponse(IssuedCertificate issued, TlsOptions tls) {
        ObjectNode body = JSON.objectNode();
        body.put("crt", issued.leafPem());
        List<X509Certificate> intermediates = issued.intermediates();
        body.put("ca", intermediates.isEmpty() ? null : KeyMaterial.toPem(intermediates.get(0)));
        ArrayNode chain = body.putArray("certChain");
        issued.chain().forEach(c -> chain.add(KeyMaterial.toPem(c)));
        ObjectNode o = body.putObject("tlsOptions");
        ArrayNode suites = o.putArray("cipherSuites");
        tls.cipherSuites().forEach(suites::add);
        putVersion(o, "minVersion", tls.minVersion());
        putVersion(o, "maxVersion", tls.maxVersion());
        o.put("renegotiation", false);
        return body;
    }

    /** {@code /revoke}: 200 {@code {"status":"ok"}}. */
    public static ObjectNode revokeResponse() {
        ObjectNode body = JSON.objectNode();
        body.put("status", "ok");
        return body;
    }

    /** {@code GET /provisioners}: the page and the cursor of the next one ("" on the last). */
    public static ObjectNode provisionersResponse(Page<Provisioner> page) {
        ObjectNode body = JSON.objectNode();
        ArrayNode list = body.putArray("provisioners");
        page.items().forEach(p -> list.add(p.json()));
        body.put("nextCursor", page.nextCursor());
        return body;
    }

    /** {@code GET /provisioners/{kid}/encrypted-key}: {@code {"key": "<JWE>"}}. */
    public static ObjectNode encryptedKeyResponse(String key) {
        ObjectNode body = JSON.objectNode();
        body.put("key", key);
        return body;
    }

    /** {@code /roots}, {@code /intermediates}, {@code /federation}: 201 (sic) {@code {"crts": [PEM, ...]}}. */
    public static ObjectNode certificatesResponse(List<X509Certificate> certificates) {
        ObjectNode body = JSON.objectNode();
        ArrayNode crts = body.putArray("crts");
        certificates.forEach(c -> crts.add(KeyMaterial.toPem(c)));
        return body;
    }

    /** {@code /root/{sha256}}: 200 {@code {"ca": PEM}}. */
    public static ObjectNode rootResponse(X509Certificate root) {
        ObjectNode body = JSON.objectNode();
        body.put("ca", KeyMaterial.toPem(root));
        return body;
    }

    /** {@code /health} while the CA can serve: 200 {@code {"status":"ok"}}. */
    public static ObjectNode healthResponse() {
        ObjectNode body = JSON.objectNode();
        body.put("status", "ok");
        return body;
    }

    /**
     * {@code /version}: step-ca's {@code version} ({@code requireClientAuthentication} is omitted
     * when false, as step-ca does), plus our own {@code cryptoProvider}, which clients ignore.
     */
    public static ObjectNode versionResponse(String version, String cryptoProvider) {
        ObjectNode body = JSON.objectNode();
        body.put("version", version);
        body.put("cryptoProvider", cryptoProvider);
        return body;
    }

    /** The HTTP status step-ca answers a kind of failure with. */
    public static int status(StepErrorKind kind) {
        switch (kind) {
            case BAD_REQUEST:
                return 400;
            case UNAUTHORIZED:
                return 401;
            case FORBIDDEN:
                return 403;
            case NOT_FOUND:
                return 404;
            case NOT_IMPLEMENTED:
                return 501;
            default:
                return 500;
        }
    }

    /**
     * A use case's failure as step-ca answers it. Internal failures and unimplemented requests get
     * step's default sentence (their detail belongs in the log, not with the client).
     */
    public static Error error(StepException e) {
        int status = status(e.kind());
        boolean generic = e.kind() == StepErrorKind.INTERNAL || e.kind() == StepErrorKind.NOT_IMPLEMENTED;
        String message = generic ? StepMessages.defaultMessage(status) : StepMessages.render(status, e.clientMessage());
        return new Error(status, errorBody(status, message));
    }

    /** step-ca's error body; an empty message becomes the status' default sentence. */
    public static ObjectNode errorBody(int status, String message) {
        ObjectNode body = JSON.objectNode();
        body.put("status", status);
        body.put("message", message == null || message.isEmpty() ? StepMessages.defaultMessage(status) : message);
        return body;
    }

    /** JSSE's "TLSv1.2" as step-ca's JSON number 1.2 ("TLSv1" is 1.0); anything else as given. */
    private static void putVersion(ObjectNode o, String field, String v) {
        String n = v == null ? "" : v.replace("TLSv", "");
        try {
            o.put(field, Double.parseDouble(n.contains(".") ? n : n + ".0"));
        } catch (NumberFormatException e) {
            o.put(field, v);
        }
    }
}
