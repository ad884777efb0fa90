package dev.stile.step;

import dev.stile.authority.IssuedCertificate;
import dev.stile.authority.Serials;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** {@code /revoke} (reference 2.10) on fakes: token or mTLS, passive only, one revocation per certificate. */
class StepRevokerTest {

    private final StepFixture f = new StepFixture();
    private final StepRevoker revoker = f.revoker();

    private X509Certificate issue() {
        IssuedCertificate issued = f.stepAuthority().sign(new StepAuthority.SignRequest(StepFixture.csr("www.example.com"),
                f.signToken("www.example.com", List.of("www.example.com")), "", ""));
        return issued.leaf();
    }

    private static StepRevoker.Request request(BigInteger serial, String ott) {
        return new StepRevoker.Request(serial.toString(), ott, 1, "key compromise drill", true);
    }

    private StepException refusal(StepRevoker.Request r, X509Certificate peer) {
        return catchThrowableOfType(StepException.class, () -> revoker.revoke(r, peer));
    }

    @Test
    void aRevokeTokenForTheSerialRevokesItAndRegeneratesTheCrl() {
        X509Certificate cert = issue();

        revoker.revoke(request(cert.getSerialNumber(), f.revokeToken(cert.getSerialNumber().toString())), null);

        assertThat(f.revocations.find(Serials.toHex(cert.getSerialNumber()))).get()
                .extracting(r -> r.reasonCode()).isEqualTo(1);
        assertThat(f.revokedCallbacks).hasValue(1);
    }

    @Test
    void theSerialMayBeHexWithPrefix() {
        X509Certificate cert = issue();
        revoker.revoke(new StepRevoker.Request("0x" + cert.getSerialNumber().toString(16),
                f.revokeToken(cert.getSerialNumber().toString()), 0, "", true), null);
        assertThat(f.revocations.find(Serials.toHex(cert.getSerialNumber()))).isPresent();
    }

    @Test
    void theClientCertificateMayRevokeItself() {
        X509Certificate cert = issue();
        revoker.revoke(request(cert.getSerialNumber(), ""), cert);
        assertThat(f.revocations.find(Serials.toHex(cert.getSerialNumber()))).isPresent();
    }

    @Test
    void aTokenForAnotherSerialIsForbidden() {
        X509Certificate cert = issue();
        StepException e = refusal(request(cert.getSerialNumber(), f.revokeToken("12345")), null);
        assertThat(e.kind()).isEqualTo(StepErrorKind.FORBIDDEN);
        assertThat(f.revokedCallbacks).hasValue(0);
    }

    @Test
    void anotherClientCertificateIsForbidden() {
        X509Certificate cert = issue();
        X509Certificate other = issue();
        StepException e = refusal(request(cert.getSerialNumber(), ""), other);
        assertThat(e.kind()).isEqualTo(StepErrorKind.FORBIDDEN);
        assertThat(e.clientMessage()).isEqualTo("serial number in client certificate different than body");
    }

    @Test
    void neitherTokenNorCertificateIsABadRequest() {
        StepException e = refusal(request(BigInteger.TEN, ""), null);
        assertThat(e.kind()).isEqualTo(StepErrorKind.BAD_REQUEST);
        assertThat(e.clientMessage()).isEqualTo("missing ott or client certificate");
    }

    @Test
    void aSecondRevocationIsABadRequest() {
        X509Certificate cert = issue();
        revoker.revoke(request(cert.getSerialNumber(), ""), cert);
        StepException e = refusal(request(cert.getSerialNumber(), ""), cert);
        assertThat(e.kind()).isEqualTo(StepErrorKind.BAD_REQUEST);
        assertThat(e.clientMessage()).endsWith("is already revoked");
    }

    @Test
    void aCertificateThisCaDidNotIssueIsNotFound() {
        StepException e = refusal(request(new BigInteger("4242"), f.revokeToken("4242")), null);
        assertThat(e.kind()).isEqualTo(StepErrorKind.NOT_FOUND);
        assertThat(e.clientMessage()).isEqualTo("certificate with serial number '4242' was not issued by this CA");
    }

    @Test
    void nonPassiveRevocationIsNotImplemented() {
        StepException e = refusal(new StepRevoker.Request("10", "", 0, "", false), null);
        assertThat(e.kind()).isEqualTo(StepErrorKind.NOT_IMPLEMENTED);
    }

    @Test
    void reasonCodesOutsideRfc5280AndUnparsableSerialsAreBadRequests() {
        assertThat(refusal(new StepRevoker.Request("10", "", 11, "", true), null).kind())
                .isEqualTo(StepErrorKind.BAD_REQUEST);
        assertThat(refusal(new StepRevoker.Request("ten", "", 0, "", true), null).kind())
                .isEqualTo(StepErrorKind.BAD_REQUEST);
    }
}
