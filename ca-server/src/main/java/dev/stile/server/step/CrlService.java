package dev.stile.server.step;

import dev.stile.authority.inventory.Revocations;
import dev.stile.authority.CertificateExtensions;
import dev.stile.authority.keys.SignatureAlgorithms;
import dev.stile.server.config.CrlConfig;
import dev.stile.core.Page;
import dev.stile.core.PageRequest;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * The CRL (reference 2.11): signed by the intermediate, numbered from the database, valid for
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
    private final X509Certificate issuer;
    private final PrivateKey issuerKey;
    private final CrlConfig config;
    private final String idpUrl;
    private final Clock clock;
    private Crl current;

    /**
     * @param dnsNames the CA's names; the first makes the default distribution point URL (no port)
     */
    public CrlService(Revocations revocations, X509Certificate issuer, PrivateKey issuerKey, CrlConfig config,
                      List<String> dnsNames, Clock clock) {
        this(revocations, issuer, issuerKey, config, config.distributionPoint(dnsNames, 443), clock);
    }

    /**
     * @param distributionPoint the URL in the CRL's issuing distribution point, the same the leaves
     *                          name in their CRL distribution point
     */
    public CrlService(Revocations revocations, X509Certificate issuer, PrivateKey issuerKey, CrlConfig config,
                      String distributionPoint, Clock clock) {
        this.revocations = revocations;
        this.issuer = issuer;
        this.issuerKey = issuerKey;
        this.config = config;
        this.idpUrl = distributionPoint;
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
        X509v2CRLBuilder b = new X509v2CRLBuilder(X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded()),
                Date.from(now));
        b.setNextUpdate(Date.from(next));
        int entries = 0;
        String cursor = "";
        do {
            Page<Revocations.Revoked> page = revocations.listRevoked(now.minus(KEEP_EXPIRED), new PageRequest(cursor, 100));
            for (Revocations.Revoked r : page.items()) {
                if (++entries > MAX_ENTRIES) {
                    throw new IllegalStateException("more than " + MAX_ENTRIES + " unexpired revoked certificates;"
                            + " refusing to build a CRL that large");
                }
                b.addCRLEntry(new BigInteger(r.serialHex(), 16), Date.from(r.revokedAt()), r.reasonCode());
            }
            cursor = page.nextCursor();
        } while (!cursor.isEmpty());
        try {
            b.addExtension(Extension.cRLNumber, false, new CRLNumber(number));
            b.addExtension(Extension.authorityKeyIdentifier, false, CertificateExtensions.authorityKeyIdentifier(issuer));
            GeneralNames uri = new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, idpUrl));
            b.addExtension(Extension.issuingDistributionPoint, true, new IssuingDistributionPoint(
                    new DistributionPointName(uri), false, false, null, false, false));
            X509CRLHolder crl = b.build(SignatureAlgorithms.signer(issuerKey, issuer.getPublicKey()));
            LOG.info("CRL {} generated with {} entries, next update {}", number, entries, next);
            return new Crl(crl.getEncoded(), number, now, next);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode the CRL: " + e.getMessage(), e);
        }
    }
}
