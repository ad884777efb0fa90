package dev.stile.server.ops;

import dev.stile.acme.problem.AcmeProblem;
import dev.stile.acme.problem.ProblemDocument;

import java.util.regex.Pattern;

/**
 * The outcome classes of validations as operators alert on them: a DNS failure needs a different
 * person than a firewall (connection) or a web server answering 404 (http_status).
 */
public enum OutcomeClass {
    OK, DNS, CONNECTION, HTTP_STATUS, TLS, UNAUTHORIZED, CAA, OTHER;

    /** Http01Validator's detail for a non-200 answer: "... answered HTTP 404 Not Found ...". */
    private static final Pattern HTTP_STATUS_DETAIL = Pattern.compile("answered HTTP (?!200)\\d{3}");

    public static OutcomeClass of(ProblemDocument problem) {
        if (problem == null) {
            return OK;
        }
        String type = problem.type();
        if (type.equals(AcmeProblem.DNS.type())) {
            return DNS;
        }
        if (type.equals(AcmeProblem.CONNECTION.type())) {
            return CONNECTION;
        }
        if (type.equals(AcmeProblem.TLS.type())) {
            return TLS;
        }
        if (type.equals(AcmeProblem.CAA.type())) {
            return CAA;
        }
        if (type.equals(AcmeProblem.INCORRECT_RESPONSE.type()) && HTTP_STATUS_DETAIL.matcher(problem.detail()).find()) {
            return HTTP_STATUS;
        }
        if (type.equals(AcmeProblem.INCORRECT_RESPONSE.type()) || type.equals(AcmeProblem.UNAUTHORIZED.type())) {
            return UNAUTHORIZED;
        }
        return OTHER;
    }

    /** The label value used in metrics and the failure log. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
