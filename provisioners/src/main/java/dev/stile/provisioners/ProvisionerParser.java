package dev.stile.provisioners;

import dev.stile.authority.ProvisionerType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stile.provisioners.claims.Claims;
import dev.stile.core.GoDuration;
import dev.stile.provisioners.jwe.EncryptedKeys;
import dev.stile.provisioners.policy.X509Policy;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

import java.net.URI;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns one entry of {@code authority.provisioners} into a {@link Provisioner}, checking
 * everything that would otherwise fail later in a client or at the first request. Errors name the
 * location, e.g. {@code authority.provisioners[2] (JWK "k8s"): key.kid ...}.
 */
final class ProvisionerParser {

    private final Claims authorityClaims;

    ProvisionerParser(Claims authorityClaims) {
        this.authorityClaims = authorityClaims;
    }

    Provisioner parse(JsonNode node, int index) {
        String where = "authority.provisioners[" + index + "]";
        if (node == null || !node.isObject()) {
            throw new ProvisionerConfigException(where + " must be a JSON object");
        }
        ObjectNode json = (ObjectNode) node;
        String type = text(json, "type");
        String name = text(json, "name");
        if (type == null || type.isBlank()) {
            throw new ProvisionerConfigException(where + ": \"type\" is missing");
        }
        if (name == null || name.isBlank()) {
            throw new ProvisionerConfigException(where + ": \"name\" is missing");
        }
        where = where + " (" + type + " \"" + name + "\")";
        Claims claims = Claims.merge(json.get("claims"), authorityClaims, where + ".claims");
        // Checked here so a bad rule is reported with its place in ca.json (the constructor parses it again).
        X509Policy.fromProvisionerPolicy(json.get("policy"), name, where);
        ProvisionerType kind = ProvisionerType.parse(type);
        switch (kind) {
            case JWK:
                return jwk(json, name, type, claims, where);
            case ACME:
                return acme(json, name, type, claims, where);
            case X5C:
                return new X5cProvisioner(name, type, claims, json, roots(json, where));
            case K8SSA:
                return new K8sSaProvisioner(name, type, claims, json, publicKeys(json, where));
            case OIDC:
                return oidc(json, name, type, claims, where);
            default:
                return new UnknownProvisioner(name, type, claims, json);
        }
    }

    private static JwkProvisioner jwk(ObjectNode json, String name, String type, Claims claims, String where) {
        JsonNode keyNode = json.get("key");
        if (keyNode == null || !keyNode.isObject()) {
            throw new ProvisionerConfigException(where + ": \"key\" (the provisioner's public JWK) is missing");
        }
        PublicJsonWebKey key;
        try {
            JsonWebKey jwk = JsonWebKey.Factory.newJwk(keyNode.toString());
            if (!(jwk instanceof PublicJsonWebKey)) {
                throw new ProvisionerConfigException(where + ".key: a " + jwk.getKeyType()
                        + " key cannot verify signatures; use an EC, RSA or OKP key");
            }
            key = (PublicJsonWebKey) jwk;
        } catch (JoseException e) {
            throw new ProvisionerConfigException(where + ".key is not a valid JWK: " + e.getMessage(), e);
        }
        if (key.getPrivateKey() != null) {
            throw new ProvisionerConfigException(where + ".key contains a private key (\"d\"); put only the public key"
                    + " in ca.json and the private key, encrypted, in encryptedKey");
        }
        String kid = key.getKeyId();
        if (kid == null || kid.isBlank()) {
            kid = key.calculateBase64urlEncodedThumbprint("SHA-256");
        }
        String encryptedKey = text(json, "encryptedKey");
        if (encryptedKey != null) {
            String why = EncryptedKeys.whyNotCompactJwe(encryptedKey);
            if (why != null) {
                throw new ProvisionerConfigException(where + ".encryptedKey is not a compact JWE, so the step CLI"
                        + " and step-issuer could not decrypt it: " + why);
            }
        }
        return new JwkProvisioner(name, type, claims, json, key, kid, encryptedKey);
    }

    private static AcmeProvisioner acme(ObjectNode json, String name, String type, Claims claims, String where) {
        List<String> challenges = strings(json, "challenges", where);
        if (challenges.isEmpty()) {
            challenges = AcmeProvisioner.DEFAULT_CHALLENGES;
        }
        Map<String, AcmeProfile> profiles = new LinkedHashMap<>();
        JsonNode p = json.get("profiles");
        if (p != null && !p.isNull()) {
            if (!p.isObject()) {
                throw new ProvisionerConfigException(where + ".profiles must be an object of name -> profile");
            }
            p.fields().forEachRemaining(e -> {
                String pw = where + ".profiles." + e.getKey();
                if (!e.getValue().isObject()) {
                    throw new ProvisionerConfigException(pw + " must be an object");
                }
                String description = Optional.ofNullable(text(e.getValue(), "description")).orElse("");
                Optional<Duration> duration = Optional.empty();
                String d = text(e.getValue(), "defaultTLSCertDuration");
                if (d != null && !d.isBlank()) {
                    try {
                        duration = Optional.of(GoDuration.parse(d));
                    } catch (IllegalArgumentException ex) {
                        throw new ProvisionerConfigException(pw + ".defaultTLSCertDuration: " + ex.getMessage());
                    }
                    if (duration.get().compareTo(claims.minTlsDuration()) < 0
                            || duration.get().compareTo(claims.maxTlsDuration()) > 0) {
                        throw new ProvisionerConfigException(pw + ".defaultTLSCertDuration " + d
                                + " is outside the provisioner's limits " + GoDuration.format(claims.minTlsDuration())
                                + " .. " + GoDuration.format(claims.maxTlsDuration()));
                    }
                }
                Optional<Duration> reuse = Optional.empty();
                String r = text(e.getValue(), "authorizationReuse");
                if (r != null && !r.isBlank()) {
                    try {
                        reuse = Optional.of(GoDuration.parse(r));
                    } catch (IllegalArgumentException ex) {
                        throw new ProvisionerConfigException(pw + ".authorizationReuse: " + ex.getMessage());
                    }
                    if (reuse.get().isNegative()) {
                        throw new ProvisionerConfigException(pw + ".authorizationReuse must not be negative, got " + r);
                    }
                }
                profiles.put(e.getKey(), new AcmeProfile(e.getKey(), description, duration, reuse));
            });
        }
        return new AcmeProvisioner(name, type, claims, json, bool(json, "forceCN", where), bool(json, "requireEAB", where),
                challenges, text(json, "termsOfService"), text(json, "website"), strings(json, "caaIdentities", where),
                profiles);
    }

    private static OidcProvisioner oidc(ObjectNode json, String name, String type, Claims claims, String where) {
        String clientId = text(json, "clientID");
        if (clientId == null || clientId.isBlank()) {
            throw new ProvisionerConfigException(where + ": \"clientID\" is missing");
        }
        String endpoint = text(json, "configurationEndpoint");
        if (endpoint == null || endpoint.isBlank()) {
            throw new ProvisionerConfigException(where + ": \"configurationEndpoint\" (the OpenID discovery URL) is missing");
        }
        URI uri;
        try {
            uri = URI.create(endpoint);
        } catch (IllegalArgumentException e) {
            throw new ProvisionerConfigException(where + ".configurationEndpoint is not a URL: " + endpoint);
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme())) {
            throw new ProvisionerConfigException(where + ".configurationEndpoint must be an https URL, not " + endpoint);
        }
        return new OidcProvisioner(name, type, claims, json, clientId, uri, strings(json, "admins", where),
                strings(json, "domains", where), strings(json, "groups", where));
    }

    private static List<X509Certificate> roots(ObjectNode json, String where) {
        String value = text(json, "roots");
        if (value == null || value.isBlank()) {
            throw new ProvisionerConfigException(where + ": \"roots\" (base64 of a PEM bundle of trusted roots) is missing");
        }
        try {
            List<X509Certificate> roots = PemBundles.certificates(PemBundles.pemText(value));
            if (roots.isEmpty()) {
                throw new ProvisionerConfigException(where + ".roots contains no CERTIFICATE block");
            }
            return roots;
        } catch (ProvisionerConfigException e) {
            throw e;
        } catch (Exception e) {
            throw new ProvisionerConfigException(where + ".roots cannot be read: " + e.getMessage(), e);
        }
    }

    private static List<PublicKey> publicKeys(ObjectNode json, String where) {
        String value = text(json, "publicKeys");
        if (value == null || value.isBlank()) {
            // step-ca would fall back to the TokenReview API, which Stile does not implement.
            throw new ProvisionerConfigException(where + ": \"publicKeys\" (base64 of the PEM service-account"
                    + " signing keys) is missing; Stile does not call the Kubernetes TokenReview API");
        }
        try {
            List<PublicKey> keys = PemBundles.publicKeys(PemBundles.pemText(value));
            if (keys.isEmpty()) {
                throw new ProvisionerConfigException(where + ".publicKeys contains no PUBLIC KEY block");
            }
            return keys;
        } catch (ProvisionerConfigException e) {
            throw e;
        } catch (Exception e) {
            throw new ProvisionerConfigException(where + ".publicKeys cannot be read: " + e.getMessage(), e);
        }
    }

    static String text(JsonNode node, String key) {
        JsonNode v = node.get(key);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static boolean bool(JsonNode node, String key, String where) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return false;
        }
        if (!v.isBoolean()) {
            throw new ProvisionerConfigException(where + "." + key + " must be true or false, not " + v);
        }
        return v.booleanValue();
    }

    private static List<String> strings(JsonNode node, String key, String where) {
        JsonNode v = node.get(key);
        List<String> out = new ArrayList<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (!v.isArray()) {
            throw new ProvisionerConfigException(where + "." + key + " must be an array of strings");
        }
        v.forEach(e -> out.add(e.asText()));
        return out;
    }
}
