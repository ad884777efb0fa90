package dev.stile.db.certificates;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Keyset position in the newest-first certificate listings (the step API's store and the admin
 * inventory): the {@code (issued_at, serial)} of the last row of the previous page, encoded as
 * opaque base64url text for clients. One encoding, so a cursor means the same in both.
 */
public record CertificateCursor(Instant issuedAt, String serial) {

    public String encode() {
        long micros = issuedAt.getEpochSecond() * 1_000_000L + issuedAt.getNano() / 1_000;
        String raw = micros + ":" + serial;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @return empty for the first page ({@code ""})
     * @throws IllegalArgumentException when the text is not a cursor this store handed out
     */
    public static Optional<CertificateCursor> parse(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            int colon = raw.indexOf(':');
            long micros = Long.parseLong(raw.substring(0, colon));
            String serial = raw.substring(colon + 1);
            if (serial.isEmpty() || !serial.matches("[0-9a-f]+")) {
                throw new IllegalArgumentException("bad serial");
            }
            Instant at = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                    Math.floorMod(micros, 1_000_000L) * 1_000L);
            return Optional.of(new CertificateCursor(at, serial));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cursor \"" + text + "\" is not valid; use the nextCursor of the previous page", e);
        }
    }
}
