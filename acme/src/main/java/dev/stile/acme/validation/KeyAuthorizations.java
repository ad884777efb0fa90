package dev.stile.acme.validation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** Digests of a key authorization used by DNS-01 (RFC 8555 §8.4) and TLS-ALPN-01 (RFC 8737 §3). */
public final class KeyAuthorizations {

    private KeyAuthorizations() {
    }

    /** SHA-256 of the key authorization's UTF-8 bytes. */
    public static byte[] sha256(String keyAuthorization) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(keyAuthorization.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The DNS-01 TXT value: base64url (no padding) of SHA-256(keyAuthorization). */
    public static String dnsTxtValue(String keyAuthorization) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(keyAuthorization));
    }

    /** Shortens {@code text} for a one-sentence detail: quoted, control characters escaped, at most {@code max} chars. */
    public static String shorten(String text, int max) {
        StringBuilder b = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == '\n') {
                b.append("\\n");
            } else if (c == '\r') {
                b.append("\\r");
            } else if (c < 0x20 || c == 0x7f) {
                b.append('?');
            } else {
                b.append(c);
            }
            if (b.length() > max) {
                return "\"" + b.substring(0, max) + "\"... (" + text.length() + " characters)";
            }
        }
        return "\"" + b + "\"";
    }
}
