package dev.stile.acme.service;

import java.security.SecureRandom;
import java.util.Base64;

/** Random ids and challenge tokens: 128 bits, base64url without padding (RFC 8555 §8.1, §10.2). */
public final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    public static String random() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
