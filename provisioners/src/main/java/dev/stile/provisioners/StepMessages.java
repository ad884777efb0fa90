package dev.stile.provisioners;

/**
 * step-ca's client-visible error sentences ({@code errs.Error}). The step CLI prints these
 * verbatim, so they are reproduced word for word.
 */
public final class StepMessages {

    private StepMessages() {
    }

    /** The message for a status, with an optional explicit detail, exactly as step-ca words it. */
    public static String render(int status, String explicit) {
        if (explicit == null || explicit.isBlank()) {
            return defaultMessage(status);
        }
        switch (status) {
            case 400:
                return "The request could not be completed: " + withoutPeriod(explicit) + ".";
            case 401:
                return "The request lacked necessary authorization to be completed: " + withoutPeriod(explicit);
            case 403:
                return "The request was forbidden by the certificate authority: " + withoutPeriod(explicit) + ".";
            default:
                return explicit;
        }
    }

    /** step-ca's message when no explicit one is set. */
    public static String defaultMessage(int status) {
        String tail = " Please see the certificate authority logs for more info.";
        switch (status) {
            case 400:
                return "The request could not be completed; malformed or missing data." + tail;
            case 401:
                return "The request lacked necessary authorization to be completed." + tail;
            case 403:
                return "The request was forbidden by the certificate authority." + tail;
            case 404:
                return "The requested resource could not be found." + tail;
            case 501:
                return "The requested method is not implemented by the certificate authority." + tail;
            default:
                return "The certificate authority encountered an Internal Server Error." + tail;
        }
    }

    private static String withoutPeriod(String s) {
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
