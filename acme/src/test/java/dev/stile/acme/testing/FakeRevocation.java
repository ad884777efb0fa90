package dev.stile.acme.testing;

import dev.stile.acme.port.RevocationPort;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Records revocations in a map; every certificate counts as issued by the CA. */
public final class FakeRevocation implements RevocationPort {

    private final Clock clock;
    private final Map<String, Instant> revoked = new HashMap<>();
    private final Map<String, Integer> reasons = new HashMap<>();

    public FakeRevocation(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized Result revoke(X509Certificate certificate, int reasonCode, String requester) {
        String serial = certificate.getSerialNumber().toString(16);
        if (revoked.containsKey(serial)) {
            return Result.ALREADY_REVOKED;
        }
        revoked.put(serial, clock.instant());
        reasons.put(serial, reasonCode);
        return Result.REVOKED;
    }

    @Override
    public synchronized Optional<Instant> revokedAt(String serialHex) {
        return Optional.ofNullable(revoked.get(serialHex));
    }

    public synchronized Integer reason(String serialHex) {
        return reasons.get(serialHex);
    }
}
