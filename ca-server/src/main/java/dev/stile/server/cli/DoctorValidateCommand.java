package dev.stile.server.cli;

import dev.stile.acme.model.ChallengeType;
import dev.stile.acme.model.Identifier;
import dev.stile.acme.validation.ValidationOutcome;
import dev.stile.acme.validation.ValidationRecord;
import dev.stile.acme.validation.ValidationSettings;
import dev.stile.acme.validation.ValidationTarget;
import dev.stile.net.Validators;
import dev.stile.net.dns.AddressLookup;
import dev.stile.acme.validation.dns.DnsServer;
import dev.stile.core.GoDuration;
import dev.stile.server.acme.ProvisionerValidators;
import dev.stile.server.config.CaConfig;
import dev.stile.server.config.ConfigException;
import dev.stile.server.config.ConfigLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code stile doctor validate --config CA_JSON --type http-01|dns-01|tls-alpn-01 --name NAME
 * [--token T --key-authorization K]}: one validation attempt through the same validators the ACME
 * server uses, printing each step (DNS query, resolver, rcode, answers and time; address dialled;
 * HTTP status and redirects; TXT values seen) and the verdict. Exit 0 when valid, 1 when not, 2 on
 * usage or configuration errors.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Run one challenge validation as the ACME server would and print every step.")
public final class DoctorValidateCommand implements Callable<Integer> {

    /** Used without --token: the connection and the DNS are checked, the content cannot match. */
    static final String PROBE_TOKEN = "stile-doctor-probe";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    @Spec
    CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "CA_JSON", description = "The CA's ca.json.")
    Path config;

    @Option(names = "--type", required = true, paramLabel = "TYPE", description = "http-01, dns-01 or tls-alpn-01.")
    String type;

    @Option(names = "--name", required = true, paramLabel = "NAME",
            description = "The identifier: a DNS name (*.name for dns-01) or an IP address.")
    String name;

    @Option(names = "--token", paramLabel = "T", description = "The challenge token (with --key-authorization).")
    String token;

    @Option(names = "--key-authorization", paramLabel = "K",
            description = "The expected key authorization, token.thumbprint (with --token).")
    String keyAuthorization;

    @Option(names = "--provisioner", paramLabel = "NAME",
            description = "Use this ACME provisioner's validation settings (its own validation block over the global one).")
    String provisioner;

    @Option(names = "--resolver", paramLabel = "HOST:PORT",
            description = "DNS server to use instead of validation.resolvers; repeat for several.")
    List<String> resolvers = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Clock clock = Clock.systemUTC();
        ValidationSettings settings;
        ChallengeType challenge;
        Identifier id;
        try {
            challenge = ChallengeType.fromToken(type).filter(ChallengeType.CLASSIC::contains)
                    .orElseThrow(() -> new IllegalArgumentException(
                    "--type: \"" + type + "\" is not http-01, dns-01 or tls-alpn-01"));
            id = identifier(challenge);
            if ((token == null) != (keyAuthorization == null)) {
                throw new IllegalArgumentException("--token and --key-authorization go together: give both or neither");
            }
            if (keyAuthorization != null && !keyAuthorization.startsWith(token + ".")) {
                throw new IllegalArgumentException("--key-authorization must start with the token and a dot (\""
                        + token + ".\"), as RFC 8555 §8.1 defines it");
            }
            settings = settings();
        } catch (IllegalArgumentException | ConfigException e) {
            err.println("stile: " + e.getMessage());
            err.flush();
            return 2;
        }
        String t = token == null ? PROBE_TOKEN : token;
        String k = keyAuthorization == null ? PROBE_TOKEN + ".no-key-authorization-given" : keyAuthorization;
        header(out, challenge, id, settings);
        try (Validators validators = Validators.create(settings, clock)) {
            long start = System.nanoTime();
            ValidationOutcome o = validators.forType(challenge).validate(new ValidationTarget(id, t, k, null));
            long ms = (System.nanoTime() - start) / 1_000_000;
            int step = 1;
            for (ValidationRecord r : o.records()) {
                printStep(out, step++, r);
            }
            out.println();
            if (o.verdict() == ValidationOutcome.Verdict.VALID) {
                out.println("verdict: VALID (" + ms + " ms)");
            } else {
                String code = o.problem().type().substring(o.problem().type().lastIndexOf(':') + 1);
                out.println("verdict: " + o.verdict() + " (" + code + ", " + ms + " ms)");
                out.println("  " + o.problem().detail());
                if (o.verdict() == ValidationOutcome.Verdict.TRANSIENT) {
                    out.println("  The ACME server retries this kind of failure for up to "
                            + GoDuration.format(settings.retryWindow()) + " (validation.retryWindow) before the "
                            + "challenge becomes invalid.");
                }
                if (keyAuthorization == null) {
                    out.println("  (No --token/--key-authorization given: only reachability was tested; a content "
                            + "mismatch is expected.)");
                }
            }
            out.flush();
            return o.verdict() == ValidationOutcome.Verdict.VALID ? 0 : 1;
        } catch (RuntimeException e) {
            err.println("stile: doctor validate failed unexpectedly: " + e.getMessage());
            err.flush();
            return 2;
        }
    }

    private Identifier identifier(ChallengeType challenge) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        if (n.isEmpty()) {
            throw new IllegalArgumentException("--name: must not be empty");
        }
        if (AddressLookup.isIpLiteral(n)) {
            if (challenge == ChallengeType.DNS_01) {
                throw new IllegalArgumentException("--name: dns-01 cannot validate an IP address (RFC 8738)");
            }
            return Identifier.ip(n);
        }
        if (n.startsWith("*.") && challenge != ChallengeType.DNS_01) {
            throw new IllegalArgumentException("--name: wildcards can only be validated with dns-01 (RFC 8555 §7.1.3)");
        }
        return Identifier.dns(n);
    }

    private ValidationSettings settings() {
        CaConfig ca = ConfigLoader.load(config);
        ValidationSettings s;
        try {
            s = ca.validation().settings();
            if (provisioner != null) {
                // The same merge as the ACME server: the provisioner's keys over the global block.
                s = ProvisionerValidators.settingsFor(ca.validation().raw(), s, acmeProvisionerBlock(ca), provisioner);
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(ca.file() + ": " + e.getMessage());
        }
        if (!resolvers.isEmpty()) {
            List<DnsServer> servers = new ArrayList<>();
            for (String r : resolvers) {
                try {
                    servers.add(DnsServer.parse(r));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("--resolver: " + e.getMessage());
                }
            }
            s = s.withResolvers(servers);
        }
        return s;
    }

    /** The {@code validation} block of the ACME provisioner named by {@code --provisioner}, or {@code null}. */
    private com.fasterxml.jackson.databind.JsonNode acmeProvisionerBlock(CaConfig ca) {
        List<String> acme = new ArrayList<>();
        for (com.fasterxml.jackson.databind.JsonNode p : ca.authority().provisioners()) {
            if ("ACME".equalsIgnoreCase(p.path("type").asText())) {
                acme.add(p.path("name").asText());
                if (provisioner.equals(p.path("name").asText())) {
                    com.fasterxml.jackson.databind.JsonNode block = p.get("validation");
                    return block == null || block.isNull() ? null : block;
                }
            }
        }
        throw new IllegalArgumentException("--provisioner: no ACME provisioner named \"" + provisioner + "\" in "
                + config + " (ACME provisioners: " + (acme.isEmpty() ? "none" : String.join(", ", acme)) + ")");
    }

    private void header(PrintWriter out, ChallengeType challenge, Identifier id, ValidationSettings s) {
        out.println("stile doctor: " + challenge.token() + " for " + id.value()
                + (provisioner == null ? "" : " (settings of ACME provisioner " + provisioner + ")"));
        String lookupName = challenge == ChallengeType.DNS_01
                ? "_acme-challenge." + (id.isWildcard() ? id.value().substring(2) : id.value()) : id.value();
        List<String> servers = new ArrayList<>();
        new dev.stile.net.dns.DnsClient(s, Clock.systemUTC()).serversFor(lookupName)
                .forEach(d -> servers.add(d.toString()));
        out.println("  resolvers for " + lookupName + ": " + String.join(", ", servers)
                + " (timeout " + GoDuration.format(s.queryTimeout()) + ", " + s.tries() + " tries each, UDP then TCP)");
        if (challenge == ChallengeType.DNS_01) {
            Optional.ofNullable(s.route53()).ifPresent(r -> out.println("  route53 zones: " + String.join(", ", r.zones())));
            if (s.authoritative()) {
                out.println("  authoritative: TXT read from the zone's own name servers");
            }
        } else {
            out.println("  ports: http " + s.httpPort() + ", tls " + s.tlsPort());
        }
    }

    private static void printStep(PrintWriter out, int n, ValidationRecord r) {
        out.println();
        out.println("step " + n + "  " + (r.time() == null ? "" : TIME.format(r.time())));
        if (r.url() != null) {
            line(out, "url", r.url()); // its DNS step is printed just before
        } else {
            line(out, "query", r.query());
            line(out, "resolver", r.resolver());
        }
        if (!r.addressesResolved().isEmpty()) {
            line(out, "addresses", String.join(", ", r.addressesResolved()));
        }
        if (r.addressUsed() != null) {
            line(out, "connect", (r.addressUsed().contains(":") ? "[" + r.addressUsed() + "]" : r.addressUsed())
                    + (r.port() == null ? "" : ":" + r.port()));
        }
        line(out, "result", r.outcome());
    }

    private static void line(PrintWriter out, String label, String value) {
        if (value != null) {
            out.printf(Locale.ROOT, "  %-10s %s%n", label + ":", value);
        }
    }
}
