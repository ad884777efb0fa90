package dev.stile.step;

import dev.stile.authority.crl.CrlSigner;
import dev.stile.authority.inventory.Revocations;
import dev.stile.core.Page;
import dev.stile.core.PageRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The CRL (reference 2.11): signed by the intermediate ({@link CrlSigner}), numbered from the database, valid for
 * {@code crl.cacheDuration}, regenerated after {@code crl.renewPeriod} (default two thirds of the
 * cache duration) and, with {@code generateOnRevoke}, after every revocation. Entries of
 * certificates that expired more than an hour ago are dropped, which keeps the CRL small when
 * certificates live 24 hours.
 */
public final class CrlService {

    private static final Logger LOG = LoggerFactory.getLogger(CrlService.class);
    /** A CRL is held in memory whole; past this many entries something is wrong. */
    static final int MAX_ENTRIES = 200_000;
    private static final Duration KEEP_EXPIRED = Duration.ofHours(1);

    /**
     * A generated CRL.
     *
     * @param der        the DER encoding
     * @param number     its CRL number
     * @param thisUpdate when it was made
     * @param nextUpdate when clients should fetch a new one
     */
    public record Crl(byte[] der, BigInteger number, Instant thisUpdate, Instant nextUpdate) {
    }

    private final Revocations revocations;
    private final CrlSigner signer;
    private final CrlSettings config;
    private final Clock clock;
    private Crl current;

    /**
     * @param distributionPoint the URL in the CRL's issuing distribution point, the same the leaves
     *                          name in their CRL distribution point
     */
    public CrlService(Revocations revocations, X509Certificate issuer, PrivateKey issuerKey, CrlSettings config,
                      String distributionPoint, Clock clock) {
        this.revocations = revocations;
        this.signer = new CrlSigner(issuer, issuerKey, distributionPoint);
        this.config = config;
        this.clock = clock;
    }

    public boolean enabled() {
        return config.enabled();
    }

    /** The current CRL, regenerated first when its renew period has passed. */
    public synchronized Crl current() {
        Instant now = clock.instant();
        if (current == null || !now.isBefore(current.thisUpdate().plus(renewPeriod()))) {
            current = generate(now);
        }
        return current;
    }

    /**
     * {@code GET /crl}: the current CRL.
     *
     * @throws StepException NOT_FOUND when ca.json does not enable the CRL (step-ca's answer)
     */
    public Crl published() {
        if (!enabled()) {
            throw StepException.notFound(null, "the CRL is not enabled in ca.json");
        }
        return current();
    }

    /** Called after a revocation. */
    public synchronized void revoked() {
        if (config.enabled() && config.generateOnRevoke()) {
            current = generate(clock.instant());
        } else {
            // Without generateOnRevoke the next request after the renew period picks it up.
            LOG.debug("revocation recorded; CRL regenerates on schedule");
        }
    }

    private Duration renewPeriod() {
        Duration cache = config.cacheDuration();
        return config.renewPeriod() != null ? config.renewPeriod() : cache.multipliedBy(2).dividedBy(3);
    }

    private Crl generate(Instant now) {
        BigInteger number = BigInteger.valueOf(revocations.nextCrlNumber());
        Instant next = now.plus(config.cacheDuration());
        CrlSigner.Draft draft = signer.start(now, next);
        int entries = 0;
        String cursor = "";
        do {
            Page<Revocations.Revoked> page = revocations.listRevoked(now.minus(KEEP_EXPIRED), new PageRequest(cursor, 100));
            for (Revocations.Revoked r : page.items()) {
                if (++entries > MAX_ENTRIES) {
                    throw new IllegalStateException("more than " + MAX_ENTRIES + " unexpired revoked certificates;"
                            + " refusing to build a CRL that large");
                }
                draft.add(new BigInteger(r.serialHex(), 16), r.revokedAt(), r.reasonCode());
            }
            cursor = page.nextCursor();
        } while (!cursor.isEmpty());
        byte[] der = draft.sign(number);
        LOG.info("CRL {} generated with {} entries, next update {}", number, entries, next);
        return new Crl(der, number, now, next);
    }
}
