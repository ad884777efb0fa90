package dev.stile.authority.keys;

/**
 * A certificate or key file could not be read or written. The message always names the file, so
 * it can be shown to the operator as it is.
 */
public class KeyMaterialException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public KeyMaterialException(String message) {
        super(message);
    }

    public KeyMaterialException(String message, Throwable cause) {
        super(message, cause);
    }
}
