package dev.stile.acme.problem;

/**
 * A request that cannot be served, carrying the problem document the client gets. Services throw
 * it; the HTTP layer renders it as {@code application/problem+json}.
 */
public class AcmeException extends RuntimeException {

    private final transient ProblemDocument problem;

    public AcmeException(ProblemDocument problem) {
        super(problem.detail());
        this.problem = problem;
    }

    public AcmeException(AcmeProblem type, String detail) {
        this(type.withDetail(detail));
    }

    public ProblemDocument problem() {
        return problem;
    }

    public static AcmeException malformed(String detail) {
        return new AcmeException(AcmeProblem.MALFORMED, detail);
    }

    public static AcmeException unauthorized(String detail) {
        return new AcmeException(AcmeProblem.UNAUTHORIZED, detail);
    }

    public static AcmeException notFound(String detail) {
        return new AcmeException(AcmeProblem.NOT_FOUND, detail);
    }
}
