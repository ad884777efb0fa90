package dev.stile.acme.validation.http;

import dev.stile.acme.model.ChallengeType;
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

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * HTTP-01 (RFC 8555 §8.3): GET {@code http://NAME/.well-known/acme-challenge/TOKEN} on the
 * configured HTTP port from an address resolved by our own {@link AddressResolver} (IPv6 first, then
 * IPv4), following up to 10 redirects to http or https ({@code httpPort}/{@code tlsPort}).
 *
 * <p>Classification: a name that does not resolve is {@code dns} (TRANSIENT on timeout/SERVFAIL,
 * INVALID on NXDOMAIN or no address); refused/timed-out/reset connections are {@code connection}
 * and TRANSIENT; HTTP 5xx (a gateway's 503 while the solver pod starts) is TRANSIENT; HTTP 4xx
 * and a body that is not the key authorization are definite.
 *
 * <p>The type of a wrong answer is {@code incorrectResponse}: RFC 8555 §6.7 defines it as
 * "Response received didn't match the challenge's requirements", which is exactly a body other than
 * the key authorization or a status other than 200. {@code unauthorized} ("the client lacks
 * sufficient authorization") describes the account's rights, not what the name's server said.
 */
public final class Http01Validator implements ChallengeValidator {

    /** RFC 8555 §8.3 lets the server follow redirects; 10 is what Let's Encrypt allows. */
    public static final int MAX_REDIRECTS = 10;

    private final AddressResolver lookup;
    private final HttpGet fetcher;
    private final int httpPort;
    private final int tlsPort;
    private final Clock clock;
    private final EgressPolicies egress;

    /**
     * @param lookup  resolves each hop's host name
     * @param fetcher GETs one URL from one address
     * @param egress  which addresses may be dialled, judged on every resolved address of every hop
     */
    public Http01Validator(AddressResolver lookup, int httpPort, int tlsPort, HttpGet fetcher, Clock clock,
            EgressPolicies egress) {
        this.lookup = lookup;
        this.egress = egress;
        this.fetcher = fetcher;
        this.httpPort = httpPort;
        this.tlsPort = tlsPort;
        this.clock = clock;
    }

    @Override
    public ChallengeType type() {
        return ChallengeType.HTTP_01;
    }

    @Override
    public ValidationOutcome validate(ValidationTarget target) {
        List<ValidationRecord> records = new ArrayList<>();
        String name = target.identifier().value();
        String host = name.contains(":") ? "[" + name + "]" : name;
        String url = "http://" + host + "/.well-known/acme-challenge/" + target.token();
        Set<String> seen = new HashSet<>();
        EgressPolicy policy = egress.forProvisioner(target.provisioner());
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            if (!seen.add(url)) {
                return ValidationOutcome.invalid(problem(AcmeProblem.CONNECTION, "Redirect loop: " + url
                        + " was reached twice while validating " + name + "."), records);
            }
            URI uri = URI.create(url);
            boolean tls = "https".equals(uri.getScheme());
            String hopHost = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1)
                    : uri.getHost();
            int port = tls ? tlsPort : httpPort;
            AddressResolver.Resolved resolved = lookup.resolve(hopHost);
            records.add(resolved.record()); // the DNS step: query, resolver, rcode, answers, time
            if (!resolved.ok()) {
                return resolved.transientFailure()
                        ? ValidationOutcome.transientFailure(resolved.problem(), records)
                        : ValidationOutcome.invalid(resolved.problem(), records);
            }
            String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            EgressPolicy.Screened screened = policy.screen(resolved.addresses());
            if (screened.dialOrder().isEmpty()) {
                // Judged before connecting: not one packet goes to a refused address.
                records.add(new ValidationRecord(clock.instant(), hopHost, port, url, resolved.addressStrings(), null,
                        resolved.record().resolver(), resolved.record().query(), "refused by the egress policy"));
                return ValidationOutcome.invalid(problem(AcmeProblem.CONNECTION, "Stile did not connect to " + url
                        + (hop == 0 ? "" : " (redirect " + hop + ")") + " for " + name + ": " + screened.why()), records);
            }
            Attempt attempt = fetch(screened.dialOrder(), port, tls, hopHost, path);
            records.add(new ValidationRecord(clock.instant(), hopHost, port, url, resolved.addressStrings(),
                    attempt.address == null ? null : attempt.address.getHostAddress(),
                    resolved.record().resolver(), resolved.record().query(), attempt.outcome()));
            if (attempt.error != null) {
                HttpGet.FetchException e = attempt.error;
                String detail = "Could not fetch " + url + " for " + name + ": " + e.getMessage() + ".";
                if (e.kind() == HttpGet.FetchException.Kind.TLS) {
                    return ValidationOutcome.invalid(problem(AcmeProblem.TLS, detail), records);
                }
                if (e.kind() == HttpGet.FetchException.Kind.PROTOCOL) {
                    return ValidationOutcome.invalid(problem(AcmeProblem.CONNECTION, detail), records);
                }
                return ValidationOutcome.transientFailure(problem(AcmeProblem.CONNECTION, detail), records);
            }
            HttpGet.Reply reply = attempt.reply;
            String answered = url + " (" + HttpGet.format(attempt.address, port) + ") answered " + ReplySummary.of(reply);
            if (isRedirect(reply.status())) {
                if (reply.location() == null) {
                    return ValidationOutcome.invalid(problem(AcmeProblem.INCORRECT_RESPONSE,
                            answered + ", a redirect without a Location header."), records);
                }
                String next = nextUrl(uri, reply.location(), answered);
                if (next.startsWith("!")) {
                    return ValidationOutcome.invalid(problem(AcmeProblem.CONNECTION, next.substring(1)), records);
                }
                url = next;
                continue;
            }
            if (reply.status() >= 500) {
                return ValidationOutcome.transientFailure(problem(AcmeProblem.INCORRECT_RESPONSE,
                        answered + "; the challenge server is not ready yet."),
                        records);
            }
            if (reply.status() != 200) {
                return ValidationOutcome.invalid(problem(AcmeProblem.INCORRECT_RESPONSE,
                        answered + " instead of 200 with the key authorization."),
                        records);
            }
            String body = reply.body().trim();
            if (!body.equals(target.keyAuthorization())) {
                String part = ReplySummary.keyAuthorizationPart(reply);
                return ValidationOutcome.invalid(problem(AcmeProblem.INCORRECT_RESPONSE, answered
                        + (part.isEmpty() ? ", a body that is not a key authorization," : " with " + part)
                        + " instead of the key authorization "
                        + KeyAuthorizations.shorten(target.keyAuthorization(), 120) + "."), records);
            }
            return ValidationOutcome.valid(records);
        }
        return ValidationOutcome.invalid(problem(AcmeProblem.CONNECTION, "More than " + MAX_REDIRECTS
                + " redirects while fetching the HTTP-01 challenge of " + name + "; the last was to " + url + "."), records);
    }

    /** One GET, dialling IPv6 first and falling back to IPv4 when the connection itself fails. */
    private Attempt fetch(List<InetAddress> dialOrder, int port, boolean tls, String host, String path) {
        Attempt last = null;
        List<String> failed = new ArrayList<>();
        for (InetAddress address : dialOrder) {
            Attempt a = new Attempt();
            a.address = address;
            try {
                a.reply = fetcher.get(address, port, tls, host, path);
                return a;
            } catch (HttpGet.FetchException e) {
                a.error = e;
                last = a;
                failed.add(e.getMessage());
                boolean connectFailed = e.kind() == HttpGet.FetchException.Kind.REFUSED
                        || e.kind() == HttpGet.FetchException.Kind.UNREACHABLE
                        || e.getMessage().startsWith("connecting to");
                if (!connectFailed) {
                    return a;
                }
            }
        }
        if (failed.size() > 1) {
            last.error = new HttpGet.FetchException(last.error.kind(), String.join(", then ", failed));
        }
        return last;
    }

    private String nextUrl(URI current, String location, String answered) {
        URI next;
        try {
            next = current.resolve(new URI(location.trim()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            return "!" + answered + " with a redirect to " + KeyAuthorizations.shorten(location, 100)
                    + ", which is not a valid URL.";
        }
        String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return "!" + answered + " with a redirect to " + next + "; only http and https redirects are followed.";
        }
        if (next.getHost() == null) {
            return "!" + answered + " with a redirect to " + next + ", which has no host name.";
        }
        int port = next.getPort();
        boolean tls = scheme.equals("https");
        // RFC 8555 §10.2: only the standard ports (here: the configured ones) may be dialled.
        if (port != -1 && port != (tls ? 443 : 80) && port != (tls ? tlsPort : httpPort)) {
            int standard = tls ? 443 : 80;
            int configured = tls ? tlsPort : httpPort;
            return "!" + answered + " with a redirect to " + next + " on port " + port + "; only port " + standard
                    + (configured == standard ? "" : " or " + configured) + " is followed for " + scheme + ".";
        }
        try {
            return new URI(scheme, null, next.getHost(), -1, next.getRawPath() == null || next.getRawPath().isEmpty()
                    ? "/" : next.getPath(), next.getQuery(), null).toASCIIString();
        } catch (URISyntaxException e) {
            return "!" + answered + " with a redirect to " + next + ", which is not a valid URL.";
        }
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static ProblemDocument problem(AcmeProblem type, String detail) {
        return type.withDetail(detail);
    }

    private static final class Attempt {
        InetAddress address;
        HttpGet.Reply reply;
        HttpGet.FetchException error;

        String outcome() {
            if (error != null) {
                return error.getMessage();
            }
            if (reply.location() != null) {
                return "HTTP " + reply.status() + " -> " + reply.location();
            }
            String part = ReplySummary.keyAuthorizationPart(reply);
            return ReplySummary.of(reply) + (part.isEmpty() ? "" : ", body " + part);
        }
    }
}
