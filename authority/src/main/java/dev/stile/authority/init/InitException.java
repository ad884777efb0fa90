package dev.stile.authority.init;

/** {@code stile init} could not create the CA; the message is one line for the operator. */
public class InitException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InitException(String message) {
        super(message);
    }

    public InitException(String message, Throwable cause) {
        super(message, cause);
    }
}
