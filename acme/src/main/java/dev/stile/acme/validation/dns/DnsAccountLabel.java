package dev.stile.acme.validation.dns;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The account-scoped validation name of dns-account-01 (draft-ietf-acme-dns-account-label-02,
 * §3.1; unchanged in -03): {@code "_" || base32(SHA-256(ACCOUNT_URL)[0:10]) || "._acme-challenge." ||
 * domain}, base32 as RFC 4648 in lower case (16 characters for 10 bytes, so no padding). Several
 * clusters or accounts can then validate one name without overwriting each other's record.
 */
public final class DnsAccountLabel {

    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    private DnsAccountLabel() {
    }

    /** {@code _<label>._acme-challenge.<domain>} for the account URL as the client received it. */
    public static String validationName(String accountUrl, String domain) {
        return "_" + label(accountUrl) + "._acme-challenge." + domain;
    }

    /** The 16-character label (without the underscore). */
    public static String label(String accountUrl) {
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256").digest(accountUrl.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
        return base32(digest, 10);
    }

    /** RFC 4648 base32 of the first {@code length} bytes (a multiple of 5: no padding), lower case. */
    static String base32(byte[] bytes, int length) {
        StringBuilder out = new StringBuilder(length * 8 / 5);
        int buffer = 0;
        int bits = 0;
        for (int i = 0; i < length; i++) {
            buffer = (buffer << 8) | (bytes[i] & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(BASE32[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        return out.toString();
    }
}
