package dev.stile.acme.validation.http;

import dev.stile.acme.validation.KeyAuthorizations;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a challenge error may say about an HTTP reply that was not the key authorization: status,
 * media type, length, and at most the part of the body that looks like a key authorization
 * ({@code token.thumbprint}, base64url). Never more: the address may belong to any service in the
 * CA's network, and echoing its answer would turn the validator into a way to read it.
 */
public final class ReplySummary {

    /**
     * {@code token.thumbprint} at the start of a body: a base64url token, a dot, and the 43
     * base64url characters of a SHA-256 JWK thumbprint (RFC 8555 §8.1), followed by nothing else
     * of the same alphabet.
     */
    private static final Pattern KEY_AUTHORIZATION_SHAPE = Pattern.compile("^[A-Za-z0-9_-]{1,256}\\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])");

    private ReplySummary() {
    }

    /** E.g. {@code HTTP 200 (text/html, 1234 bytes)} or {@code HTTP 404 (empty body)}. */
    public static String of(HttpGet.Reply reply) {
        int length = reply.body().getBytes(StandardCharsets.UTF_8).length;
        String type = mediaType(reply.contentType());
        String size = length == 0 ? "empty body"
                : (reply.bodyTruncated() ? "more than " : "") + length + " byte" + (length == 1 ? "" : "s");
        return "HTTP " + reply.status() + " (" + (type.isEmpty() ? "" : type + ", ") + size + ")";
    }

    /**
     * The part of the body shaped like a key authorization, quoted, or empty when there is none
     * (then nothing of the body is shown).
     */
    public static String keyAuthorizationPart(HttpGet.Reply reply) {
        Matcher m = KEY_AUTHORIZATION_SHAPE.matcher(reply.body().trim());
        return m.find() ? KeyAuthorizations.shorten(m.group(), 120) : "";
    }

    /** {@code text/html} from {@code text/html; charset=utf-8}; anything unusual is dropped. */
    static String mediaType(String header) {
        String t = header == null ? "" : header.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return t.matches("[a-z0-9.+-]{1,40}/[a-z0-9.+-]{1,60}") ? t : "";
    }
}
