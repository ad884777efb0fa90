package dev.stile.acme.validation.tls;

import dev.stile.acme.model.ChallengeType;
import dev.stile.acme.model.Identifier;
import dev.stile.acme.problem.AcmeProblem;
import dev.stile.acme.problem.ProblemDocument;
import dev.stile.acme.validation.ChallengeValidator;
import dev.stile.acme.validation.KeyAuthorizations;
import dev.stile.acme.validation.ValidationOutcome;
import dev.stile.acme.validation.ValidationRecord;
import dev.stile.acme.validation.ValidationTarget;
import dev.stile.acme.validation.dns.AddressResolver;
import dev.stile.acme.validation.egress.EgressPolicies;
import dev.stile.acme.validation.egress.EgressPolicy;
import dev.stile.acme.validation.http.HttpGet;

import java.net.InetAddress;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * TLS-ALPN-01 (RFC 8737): a TLS handshake with the resolved address on {@code validation.tlsPort},
 * ALPN {@code acme-tls/1}, SNI = the name (for an IP identifier the reverse name, RFC 8738 §6). The
 * certificate presented must carry exactly one SAN, the identifier, and a critical
 * {@code id-pe-acmeIdentifier} extension whose value is SHA-256(key authorization).
 *
 * <p>Classification: DNS failures as for HTTP-01; refused/timed-out connections are
 * {@code connection} (TRANSIENT); a handshake without {@code acme-tls/1} is {@code tls} (INVALID); a
 * certificate for other names or without the critical extension is {@code unauthorized}; a
 * digest that does not match is {@code incorrectResponse}.
 */
public final class TlsAlpn01Validator implements ChallengeValidator {

    /** RFC 8737 §3: the ALPN protocol name. */
    public static final String ACME_TLS_1 = "acme-tls/1";

    private final AddressResolver lookup;
    private final int tlsPort;
    private final TlsAlpnProber prober;
    private final Clock clock;
    private final EgressPolicies egress;

    /**
     * @param prober does the handshake with one address
     * @param egress which addresses may be dialled, judged before connecting
     */
    public TlsAlpn01Validator(AddressResolver lookup, int tlsPort, TlsAlpnProber prober, Clock clock,
            EgressPolicies egress) {
        this.lookup = lookup;
        this.egress = egress;
        this.tlsPort = tlsPort;
        this.prober = prober;
        this.clock = clock;
    }

    @Override
    public ChallengeType type() {
        return ChallengeType.TLS_ALPN_01;
    }

    @Override
    public ValidationOutcome validate(ValidationTarget target) {
        Identifier id = target.identifier();
        List<ValidationRecord> records = new ArrayList<>();
        boolean ip = Identifier.IP.equals(id.type());
        String name = id.value();
        AddressResolver.Resolved resolved = lookup.resolve(name);
        records.add(resolved.record());
        if (!resolved.ok()) {
            return resolved.transientFailure() ? ValidationOutcome.transientFailure(resolved.problem(), records)
                    : ValidationOutcome.invalid(resolved.problem(), records);
        }
        String sni = ip ? AcmeIdentifierCertificate.reverseName(AddressResolver.literal(name)) : name;
        List<String> failures = new ArrayList<>();
        EgressPolicy.Screened screened = egress.forProvisioner(target.provisioner()).screen(resolved.addresses());
        if (screened.dialOrder().isEmpty()) {
            records.add(new ValidationRecord(clock.instant(), name, tlsPort, null, resolved.addressStrings(), null,
                    resolved.record().resolver(), resolved.record().query(), "refused by the egress policy"));
            return ValidationOutcome.invalid(problem(AcmeProblem.CONNECTION, "Stile did not connect to " + name
                    + " for TLS-ALPN-01: " + screened.why()), records);
        }
        for (InetAddress address : screened.dialOrder()) {
            String where = HttpGet.format(address, tlsPort);
            TlsAlpnProber.Handshake handshake;
            try {
                handshake = prober.probe(address, tlsPort, sni);
            } catch (TlsAlpnProber.ProbeException e) {
                if (e.stage() == TlsAlpnProber.ProbeException.Stage.HANDSHAKE) {
                    String msg = e.getMessage();
                    boolean noAlpn = msg.contains("no_application_protocol") || msg.contains("application protocol");
                    records.add(record(name, resolved, address, "TLS handshake failed: " + msg));
                    return ValidationOutcome.invalid(problem(AcmeProblem.TLS, "TLS handshake with " + where + " (SNI "
                            + sni + ") failed: " + (noAlpn ? "the server does not offer ALPN \"acme-tls/1\""
                            : msg) + "."), records);
                }
                failures.add((e.stage() == TlsAlpnProber.ProbeException.Stage.CONNECT ? "connecting to " : "talking to ")
                        + where + ": " + e.getMessage());
                records.add(record(name, resolved, address, failures.get(failures.size() - 1)));
                continue;
            }
            String alpn = handshake.alpn();
            if (!ACME_TLS_1.equals(alpn)) {
                records.add(record(name, resolved, address, "TLS without ALPN " + ACME_TLS_1));
                return ValidationOutcome.invalid(problem(AcmeProblem.TLS, where + " (" + name
                        + ") completed a TLS handshake without negotiating ALPN \"acme-tls/1\""
                        + (alpn == null || alpn.isEmpty() ? "" : " (it chose \"" + alpn + "\")")
                        + "; no TLS-ALPN-01 responder is answering there."), records);
            }
            X509Certificate leaf = handshake.leaf();
            String verdict = AcmeIdentifierCertificate.check(leaf, id, KeyAuthorizations.sha256(target.keyAuthorization()));
            records.add(record(name, resolved, address, verdict == null ? "acme-tls/1 certificate matches" : verdict));
            if (verdict == null) {
                return ValidationOutcome.valid(records);
            }
            AcmeProblem type = verdict.startsWith("the acmeIdentifier value") ? AcmeProblem.INCORRECT_RESPONSE
                    : AcmeProblem.UNAUTHORIZED;
            return ValidationOutcome.invalid(problem(type, "The TLS-ALPN-01 certificate from " + where + " for "
                    + name + " is wrong: " + verdict + "."), records);
        }
        return ValidationOutcome.transientFailure(problem(AcmeProblem.CONNECTION, "Could not reach the TLS-ALPN-01 "
                + "responder for " + name + ": " + String.join(", then ", failures) + "."), records);
    }

    private ValidationRecord record(String name, AddressResolver.Resolved resolved, InetAddress used, String outcome) {
        return new ValidationRecord(clock.instant(), name, tlsPort, null, resolved.addressStrings(),
                used.getHostAddress(), resolved.record().resolver(), resolved.record().query(), outcome);
    }

    private static ProblemDocument problem(AcmeProblem type, String detail) {
        return type.withDetail(detail);
    }
}
