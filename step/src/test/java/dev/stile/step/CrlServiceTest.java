package dev.stile.step;

import dev.stile.authority.IssuedCertificate;
import dev.stile.authority.Serials;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The CRL (reference 2.11) on fakes: off unless enabled, lists revoked certificates, numbered. */
class CrlServiceTest {

    private final StepFixture f = new StepFixture();

    private static X509CRL parse(CrlService.Crl crl) throws Exception {
        return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(crl.der()));
    }

    @Test
    void aDisabledCrlIsNotFound() {
        CrlService crl = f.crl(new CrlSettings(false, false, Duration.ofHours(24), null));
        StepException e = catchThrowableOfType(StepException.class, crl::published);
        assertThat(e.kind()).isEqualTo(StepErrorKind.NOT_FOUND);
        assertThat(e.clientMessage()).isNull();
    }

    @Test
    void generateOnRevokeListsTheRevokedCertificateInTheNextNumberedCrl() throws Exception {
        CrlService crl = f.crl(new CrlSettings(true, true, Duration.ofHours(24), null));
        CrlService.Crl before = crl.published();
        IssuedCertificate issued = f.stepAuthority().sign(new StepAuthority.SignRequest(StepFixture.csr("www.example.com"),
                f.signToken("www.example.com", List.of("www.example.com")), "", ""));
        f.revocations.revoke(Serials.toHex(issued.leaf().getSerialNumber()), 1, StepFixture.NOW);

        crl.revoked();
        CrlService.Crl after = crl.published();

        assertThat(after.number()).isEqualTo(before.number().add(java.math.BigInteger.ONE));
        assertThat(after.nextUpdate()).isEqualTo(StepFixture.NOW.plus(Duration.ofHours(24)));
        X509CRL parsed = parse(after);
        assertThat(parsed.getRevokedCertificate(issued.leaf().getSerialNumber())).isNotNull();
        assertThat(parse(before).getRevokedCertificates()).isNull();
    }

    @Test
    void withinTheRenewPeriodTheSameCrlIsServed() {
        CrlService crl = f.crl(new CrlSettings(true, false, Duration.ofHours(24), null));
        assertThat(crl.published()).isSameAs(crl.published());
    }
}
