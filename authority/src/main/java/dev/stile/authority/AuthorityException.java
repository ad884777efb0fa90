package dev.stile.authority;

/**
 * A request the authority refused, or could not serve. The {@link Category} tells the HTTP layers
 * which step-style status to answer with; the message is meant for the client and the operator.
 */
public class AuthorityException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why the request failed, mapped to step-ca's status codes. */
    public enum Category {
        /** The request is malformed or inconsistent (step-ca answers 400). */
        BAD_REQUEST(400),
        /** The request is well-formed but not allowed (step-ca answers 403). */
        FORBIDDEN(403),
        /** The CA itself failed; the client cannot fix it (500). */
        INTERNAL(500);

        private final int httpStatus;

        Category(int httpStatus) {
            this.httpStatus = httpStatus;
        }

        public int httpStatus() {
            return httpStatus;
        }
    }

    private final Category category;

    public AuthorityException(Category category, String message) {
        super(message);
        this.category = category;
    }

    public AuthorityException(Category category, String message, Throwable cause) {
        super(message, cause);
        this.category = category;
    }

    public static AuthorityException badRequest(String message) {
        return new AuthorityException(Category.BAD_REQUEST, message);
    }

    public static AuthorityException forbidden(String message) {
        return new AuthorityException(Category.FORBIDDEN, message);
    }

    public static AuthorityException internal(String message, Throwable cause) {
        return new AuthorityException(Category.INTERNAL, message, cause);
    }

    public Category category() {
        return category;
    }

    public int httpStatus() {
        return category.httpStatus();
    }
}
