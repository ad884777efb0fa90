package dev.stile.server.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads and validates a step-ca style {@code ca.json}. Every problem becomes one
 * {@link ConfigException} naming the file, the key and what is wrong. Unknown keys are tolerated
 * and logged, so a step-ca file with features Stile lacks still starts (and says what it ignores).
 *
 * <p>Relative paths are resolved like step-ca resolves them against {@code $STEPPATH}: against the
 * CA directory, which is the parent of the {@code config/} directory holding the file (step's
 * layout), or the file's own directory otherwise.
 */
public final class ConfigLoader {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigLoader.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** step-ca keys Stile knows but does not implement: logged, never fatal. */
    private static final Set<String> NOT_SUPPORTED = Set.of("kms", "ssh", "templates", "monitoring",
            "metricsAddress");

    private ConfigLoader() {
    }

    /** Loads {@code file}, resolving relative paths against its CA directory. */
    public static CaConfig load(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        return load(abs, defaultCaDir(abs));
    }

    /** Loads {@code file}, resolving relative paths against {@code caDir} (step's STEPPATH). */
    public static CaConfig load(Path file, Path caDir) {
        Path abs = file.toAbsolutePath().normalize();
        JsonNode tree = readJson(abs);
        ConfigNode root = ConfigNode.root(abs, tree);
        CaConfig config = parse(root, abs, caDir.toAbsolutePath().normalize());
        for (String key : root.unknownKeys()) {
            LOG.warn("{}: {}: unknown key, ignored", abs, key);
        }
        return config;
    }

    /**
     * Only the {@code db} section of {@code file} (for {@code stile init}, which creates the
     * database before the files ca.json names are in place); the rest is not checked.
     */
    public static DbConfig loadDatabase(Path file, Path caDir) {
        Path abs = file.toAbsolutePath().normalize();
        ConfigNode root = ConfigNode.root(abs, readJson(abs));
        return DbConfigParser.parse(root.object("db").orElse(null),
                new PathResolver(abs, caDir.toAbsolutePath().normalize()));
    }

    static Path defaultCaDir(Path file) {
        Path dir = file.getParent();
        if (dir != null && dir.getFileName() != null && dir.getFileName().toString().equals("config")
                && dir.getParent() != null) {
            return dir.getParent();
        }
        return dir == null ? Path.of(".").toAbsolutePath() : dir;
    }

    private static JsonNode readJson(Path file) {
        try {
            return JSON.readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new ConfigException(file, "", "file does not exist");
        } catch (JsonProcessingException e) {
            throw new ConfigException(file, "", "not valid JSON at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ConfigException(file, "", "cannot be read: " + e.getMessage());
        }
    }

    private static CaConfig parse(ConfigNode n, Path file, Path caDir) {
        PathResolver paths = new PathResolver(file, caDir);
        List<Path> roots = new ArrayList<>();
        List<String> rootNames = n.strings("root");
        if (rootNames.isEmpty()) {
            throw n.error("root", "is required (the root certificate file, e.g. certs/root_ca.crt)");
        }
        for (String r : rootNames) {
            roots.add(paths.existingFile(n, "root", r));
        }
        List<Path> federated = new ArrayList<>();
        for (String r : n.strings("federatedRoots")) {
            federated.add(paths.existingFile(n, "federatedRoots", r));
        }
        Path crt = paths.existingFile(n, "crt", n.requiredString("crt"));
        String keyText = n.requiredString("key");
        if (keyText.matches("^[a-z0-9]+kms:.*|^pkcs11:.*|^yubikey:.*")) {
            throw n.error("key", "\"" + keyText + "\" is a KMS URI; Stile reads keys from PEM files only");
        }
        Path key = paths.existingFile(n, "key", keyText);
        String password = n.string("password").filter(p -> !p.isEmpty()).orElse(null);
        HostPort address = hostPort(n, "address", n.requiredString("address"));
        HostPort insecure = n.string("insecureAddress").filter(s -> !s.isEmpty())
                .map(s -> hostPort(n, "insecureAddress", s)).orElse(null);
        List<String> dnsNames = dnsNames(n);
        String commonName = n.string("commonName").filter(s -> !s.isBlank()).orElse(CaConfig.DEFAULT_COMMON_NAME);
        LoggerConfig logger = n.object("logger").map(ConfigLoader::logger).orElse(LoggerConfig.defaults());
        DbConfig db = DbConfigParser.parse(n.object("db").orElse(null), paths);
        TlsConfig tls = n.object("tls").map(TlsConfigParser::parse).orElse(TlsConfig.defaults());
        AuthorityConfig authority = n.object("authority").map(ConfigLoader::authority)
                .orElse(AuthorityConfig.defaults());
        CrlConfig crl = n.object("crl").map(ConfigLoader::crl).orElse(CrlConfig.defaults());
        ValidationConfig validation = n.object("validation").map(v -> validation(v, file))
                .orElse(ValidationConfig.defaults());
        OpsConfig ops = n.object("ops").map(ConfigLoader::ops).orElse(OpsConfig.defaults());
        for (String unsupported : NOT_SUPPORTED) {
            if (n.has(unsupported)) {
                LOG.warn("{}: {}: not supported by Stile, ignored", file, unsupported);
            }
        }
        n.accept("insecureAddress", "commonName", "retention", "rateLimits"); // retention: ops.OpsSettings; rateLimits: limits.RateLimitConfig
        n.done();
        return new CaConfig(file, caDir, roots, federated, crt, key, password, address, insecure, dnsNames,
                commonName, logger, db, tls, authority, crl, validation, ops, n.json());
    }

    static HostPort hostPort(ConfigNode n, String key, String text) {
        try {
            return HostPort.parse(text);
        } catch (IllegalArgumentException e) {
            throw n.error(key, e.getMessage());
        }
    }

    private static List<String> dnsNames(ConfigNode n) {
        if (!n.has("dnsNames")) {
            return CaConfig.DEFAULT_DNS_NAMES;
        }
        List<String> out = new ArrayList<>();
        for (String name : n.strings("dnsNames")) {
            String s = name.trim();
            // step-ca accepts "[::1]" and unbrackets it.
            if (s.startsWith("[") && s.endsWith("]")) {
                s = s.substring(1, s.length() - 1);
            }
            if (s.contains("/") || s.contains(" ")) {
                throw n.error("dnsNames", "\"" + name + "\" is not a host name or IP address");
            }
            out.add(s);
        }
        if (out.isEmpty()) {
            throw n.error("dnsNames", "must name at least one host name or IP address");
        }
        return out;
    }

    private static LoggerConfig logger(ConfigNode n) {
        String format = n.string("format").filter(s -> !s.isEmpty()).orElse("text");
        if (!format.equals("text") && !format.equals("json")) {
            throw n.error("format", "\"" + format + "\" is not text or json");
        }
        n.accept("traceHeader");
        n.done();
        return new LoggerConfig(format);
    }

    private static AuthorityConfig authority(ConfigNode n) {
        List<JsonNode> provisioners = new ArrayList<>();
        n.raw("provisioners").ifPresent(p -> {
            if (!p.isArray()) {
                throw n.error("provisioners", "must be a list of provisioner objects");
            }
            for (int i = 0; i < p.size(); i++) {
                if (!p.get(i).isObject()) {
                    throw n.error("provisioners[" + i + "]", "must be a provisioner object, not "
                            + ConfigNode.describe(p.get(i)));
                }
                provisioners.add(p.get(i));
            }
        });
        JsonNode claims = objectOrNull(n, "claims");
        Duration backdate = n.duration("backdate").orElse(AuthorityConfig.DEFAULT_BACKDATE);
        if (backdate.isNegative()) {
            throw n.error("backdate", "must not be negative");
        }
        JsonNode policy = objectOrNull(n, "policy");
        JsonNode template = objectOrNull(n, "template");
        boolean enableAdmin = n.bool("enableAdmin").orElse(false);
        boolean disableIat = n.bool("disableIssuedAtCheck").orElse(false);
        n.accept("type", "deploymentType", "authorityId", "disableGetSSHHosts", "disableCustomSANs",
                "certificateAuthority", "certificateAuthorityFingerprint", "certificateIssuer", "credentialsFile");
        n.done();
        return new AuthorityConfig(provisioners, claims, backdate, policy, template, enableAdmin, disableIat);
    }

    private static JsonNode objectOrNull(ConfigNode n, String key) {
        return n.object(key).map(ConfigNode::json).orElse(null);
    }

    private static CrlConfig crl(ConfigNode n) {
        CrlConfig d = CrlConfig.defaults();
        CrlConfig c = new CrlConfig(
                n.bool("enabled").orElse(d.enabled()),
                n.bool("generateOnRevoke").orElse(d.generateOnRevoke()),
                n.duration("cacheDuration").orElse(d.cacheDuration()),
                n.duration("renewPeriod").orElse(null),
                n.string("idpURL").orElse(""));
        if (c.cacheDuration().isNegative() || c.cacheDuration().isZero()) {
            throw n.error("cacheDuration", "must be positive");
        }
        n.done();
        return c;
    }

    /** The validation block, parsed once here by the validation area's own parser (ValidationSettings). */
    private static ValidationConfig validation(ConfigNode n, Path file) {
        try {
            return ValidationConfig.parse(n.json());
        } catch (IllegalArgumentException e) {
            // The message already names the key (validation.httpPort: ...).
            throw new ConfigException(file, "", e.getMessage());
        }
    }

    private static OpsConfig ops(ConfigNode n) {
        HostPort address = n.string("address").filter(s -> !s.isEmpty())
                .map(s -> hostPort(n, "address", s)).orElse(null);
        n.accept("metrics", "renewalWindow"); // renewalWindow: read by ops.OpsSettings
        n.done();
        return new OpsConfig(address);
    }
}
