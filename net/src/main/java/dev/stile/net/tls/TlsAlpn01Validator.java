package dev.stile.net.tls;

import dev.stile.acme.validation.tls.AcmeIdentifierCertificate;
import dev.stile.acme.model.ChallengeType;
import dev.stile.acme.model.Identifier;
import dev.stile.acme.problem.AcmeProblem;
import dev.stile.acme.problem.ProblemDocument;
import dev.stile.acme.validation.ChallengeValidator;
import dev.stile.acme.validation.KeyAuthorizations;
import dev.stile.acme.validation.ValidationOutcome;
import dev.stile.acme.validation.ValidationRecord;
import dev.stile.acme.validation.ValidationTarget;
import dev.stile.net.dns.AddressLookup;
import dev.stile.acme.validation.egress.EgressPolicies;
import dev.stile.acme.validation.egress.EgressPolicy;
import dev.stile.net.http.HttpFetcher;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
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

    private final AddressLookup lookup;
    private final int tlsPort;
    private final Duration timeout;
    private final Clock clock;
    private final EgressPolicies egress;

    /** @param egress which addresses may be dialled, judged before connecting */
    public TlsAlpn01Validator(AddressLookup lookup, int tlsPort, Duration timeout, Clock clock, EgressPolicies egress) {
        this.lookup = lookup;
        this.egress = egress;
        this.tlsPort = tlsPort;
        this.timeout = timeout;
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
        AddressLookup.Resolved resolved = lookup.resolve(name);
        records.add(resolved.record());
        if (!resolved.ok()) {
            return resolved.transientFailure() ? ValidationOutcome.transientFailure(resolved.problem(), records)
                    : ValidationOutcome.invalid(resolved.problem(), records);
        }
        String sni = ip ? AcmeIdentifierCertificate.reverseName(AddressLookup.literal(name)) : name;
        List<String> failures = new ArrayList<>();
        EgressPolicy.Screened screened = egress.forProvisioner(target.provisioner()).screen(resolved.addresses());
        if (screened.dialOrder().isEmpty()) {
            records.add(new ValidationRecord(clock.instant(), name, tlsPort, null, resolved.addressStrings(), null,
                    resolved.record().resolver(), resolved.record().query(), "refused by the egress policy"));
            return ValidationOutcome.invalid(problem(AcmeProblem.CONNECTION, "Stile did not connect to " + name
                    + " for TLS-ALPN-01: " + screened.why()), records);
        }
        for (InetAddress address : screened.dialOrder()) {
            String where = HttpFetcher.format(address, tlsPort);
            try (Socket plain = new Socket()) {
                try {
                    plain.connect(new InetSocketAddress(address, tlsPort), (int) timeout.toMillis());
                } catch (IOException e) {
                    failures.add("connecting to " + where + ": " + (e instanceof ConnectException ? "connection refused"
                            : e instanceof SocketTimeoutException ? "timed out" : e.getMessage()));
                    records.add(record(name, resolved, address, failures.get(failures.size() - 1)));
                    continue;
                }
                plain.setSoTimeout((int) timeout.toMillis());
                X509Certificate leaf;
                try (SSLSocket tls = (SSLSocket) InsecureTls.context().getSocketFactory()
                        .createSocket(plain, sni, tlsPort, false)) {
                    SSLParameters p = tls.getSSLParameters();
                    p.setServerNames(List.of(new SNIHostName(sni)));
                    p.setApplicationProtocols(new String[] {ACME_TLS_1});
                    p.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
                    tls.setSSLParameters(p);
                    tls.startHandshake();
                    String alpn = tls.getApplicationProtocol();
                    if (!ACME_TLS_1.equals(alpn)) {
                        records.add(record(name, resolved, address, "TLS without ALPN " + ACME_TLS_1));
                        return ValidationOutcome.invalid(problem(AcmeProblem.TLS, where + " (" + name
                                + ") completed a TLS handshake without negotiating ALPN \"acme-tls/1\""
                                + (alpn == null || alpn.isEmpty() ? "" : " (it chose \"" + alpn + "\")")
                                + "; no TLS-ALPN-01 responder is answering there."), records);
                    }
                    Certificate[] chain = tls.getSession().getPeerCertificates();
                    leaf = (X509Certificate) chain[0];
                } catch (SSLException e) {
                    String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                    boolean noAlpn = msg.contains("no_application_protocol") || msg.contains("application protocol");
                    records.add(record(name, resolved, address, "TLS handshake failed: " + msg));
                    return ValidationOutcome.invalid(problem(AcmeProblem.TLS, "TLS handshake with " + where + " (SNI "
                            + sni + ") failed: " + (noAlpn ? "the server does not offer ALPN \"acme-tls/1\""
                            : msg) + "."), records);
                }
                String verdict = AcmeIdentifierCertificate.check(leaf, id, KeyAuthorizations.sha256(target.keyAuthorization()));
                records.add(record(name, resolved, address, verdict == null ? "acme-tls/1 certificate matches" : verdict));
                if (verdict == null) {
                    return ValidationOutcome.valid(records);
                }
                AcmeProblem type = verdict.startsWith("the acmeIdentifier value") ? AcmeProblem.INCORRECT_RESPONSE
                        : AcmeProblem.UNAUTHORIZED;
                return ValidationOutcome.invalid(problem(type, "The TLS-ALPN-01 certificate from " + where + " for "
                        + name + " is wrong: " + verdict + "."), records);
            } catch (IOException e) {
                failures.add("talking to " + where + ": " + e.getMessage());
                records.add(record(name, resolved, address, failures.get(failures.size() - 1)));
            }
        }
        return ValidationOutcome.transientFailure(problem(AcmeProblem.CONNECTION, "Could not reach the TLS-ALPN-01 "
                + "responder for " + name + ": " + String.join(", then ", failures) + "."), records);
    }

    private ValidationRecord record(String name, AddressLookup.Resolved resolved, InetAddress used, String outcome) {
        return new ValidationRecord(clock.instant(), name, tlsPort, null, resolved.addressStrings(),
                used.getHostAddress(), resolved.record().resolver(), resolved.record().query(), outcome);
    }

    private static ProblemDocument problem(AcmeProblem type, String detail) {
        return type.withDetail(detail);
    }
}
