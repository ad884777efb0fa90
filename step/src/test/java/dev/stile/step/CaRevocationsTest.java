package dev.stile.step;

import dev.stile.authority.IssuedCertificate;
import dev.stile.authority.Serials;
import dev.stile.authority.inventory.Revocations;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Revocation of a presented certificate (ACME revoke-cert, admin API): only the exact certificate issued here. */
class CaRevocationsTest {

    private final StepFixture f = new StepFixture();
    private final CrlService crl = f.crl(new CrlSettings(true, true, Duration.ofHours(24), null));
    private final CaRevocations revocations = new CaRevocations(f.inventory, f.revocations, crl, f.clock);

    private IssuedCertificate issue() {
        return f.stepAuthority().sign(new StepAuthority.SignRequest(StepFixture.csr("www.example.com"),
                f.signToken("www.example.com", List.of("www.example.com")), "", ""));
    }

    @Test
    void revokesOnceAndTheCrlListsIt() throws Exception {
        IssuedCertificate issued = issue();

        assertThat(revocations.revoke(issued.leaf(), 4, "acct-1")).isEqualTo(Revocations.Outcome.REVOKED);
        assertThat(revocations.revoke(issued.leaf(), 4, "acct-1")).isEqualTo(Revocations.Outcome.ALREADY_REVOKED);

        assertThat(revocations.revokedAt(Serials.toHex(issued.leaf().getSerialNumber()))).contains(StepFixture.NOW);
        var parsed = (java.security.cert.X509CRL) java.security.cert.CertificateFactory.getInstance("X.509")
                .generateCRL(new java.io.ByteArrayInputStream(crl.published().der()));
        assertThat(parsed.getRevokedCertificate(issued.leaf().getSerialNumber())).isNotNull();
    }

    @Test
    void aCertificateNotInTheInventoryIsUnknown() {
        IssuedCertificate issued = issue();
        assertThat(revocations.revoke(issued.chain().get(1), 0, "someone"))
                .isEqualTo(Revocations.Outcome.UNKNOWN_CERTIFICATE);
        assertThat(revocations.revokedAt("abcdef")).isEmpty();
    }

    @Test
    void aRevokedCertificateIsNotRenewed() {
        IssuedCertificate issued = issue();
        revocations.revoke(issued.leaf(), 1, "acct-1");
        StepException e = org.assertj.core.api.Assertions.catchThrowableOfType(StepException.class,
                () -> f.stepAuthority().renew(issued.leaf()));
        assertThat(e.kind()).isEqualTo(StepErrorKind.UNAUTHORIZED);
    }
}
