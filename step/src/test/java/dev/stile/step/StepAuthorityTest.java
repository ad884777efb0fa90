package dev.stile.step;

import dev.stile.authority.IssuedCertificate;
import dev.stile.authority.keys.KeyType;
import dev.stile.authority.Serials;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** sign, renew and rekey (reference 2.7-2.9) on fakes: what is issued, what is stored, which kind of refusal. */
class StepAuthorityTest {

    private final StepFixture f = new StepFixture();
    private final StepAuthority step = f.stepAuthority();

    private IssuedCertificate sign(String cn) {
        return step.sign(new StepAuthority.SignRequest(StepFixture.csr(cn), f.signToken(cn, List.of(cn)), "", ""));
    }

    @Test
    void signIssuesTheTokensNamesAndStoresTheCertificateBeforeReturningIt() throws Exception {
        IssuedCertificate issued = sign("www.example.com");

        X509Certificate leaf = issued.leaf();
        assertThat(leaf.getSubjectX500Principal().getName()).isEqualTo("CN=www.example.com");
        assertThat(leaf.getSubjectAlternativeNames()).extracting(san -> (Object) san.get(1)).containsExactly("www.example.com");
        assertThat(issued.chain()).hasSize(2);
        assertThat(f.inventory.findBySerial(issued.serialHex())).isPresent();
        assertThat(leaf.getNotBefore().toInstant()).isEqualTo(StepFixture.NOW.minus(StepFixture.BACKDATE));
        assertThat(Duration.between(StepFixture.NOW, leaf.getNotAfter().toInstant())).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void missingCsrOrTokenIsABadRequestWithStepsWording() {
        StepException noCsr = catchThrowableOfType(StepException.class,
                () -> step.sign(new StepAuthority.SignRequest("", "x", "", "")));
        assertThat(noCsr.kind()).isEqualTo(StepErrorKind.BAD_REQUEST);
        assertThat(noCsr.clientMessage()).isEqualTo("missing csr");

        StepException noOtt = catchThrowableOfType(StepException.class,
                () -> step.sign(new StepAuthority.SignRequest(StepFixture.csr("a.example.com"), " ", "", "")));
        assertThat(noOtt.kind()).isEqualTo(StepErrorKind.BAD_REQUEST);
        assertThat(noOtt.clientMessage()).isEqualTo("missing ott");
    }

    @Test
    void aGarbledTokenIsUnauthorizedWithTheReasonOnlyForTheLog() {
        StepException e = catchThrowableOfType(StepException.class,
                () -> step.sign(new StepAuthority.SignRequest(StepFixture.csr("a.example.com"), "not.a.jwt", "", "")));
        assertThat(e.kind()).isEqualTo(StepErrorKind.UNAUTHORIZED);
        assertThat(e.clientMessage()).isNull();
        assertThat(e.reason()).isNotBlank();
    }

    @Test
    void aTokenIsUsedOnce() {
        String token = f.signToken("www.example.com", List.of("www.example.com"));
        step.sign(new StepAuthority.SignRequest(StepFixture.csr("www.example.com"), token, "", ""));
        StepException replay = catchThrowableOfType(StepException.class,
                () -> step.sign(new StepAuthority.SignRequest(StepFixture.csr("www.example.com"), token, "", "")));
        assertThat(replay.kind()).isEqualTo(StepErrorKind.UNAUTHORIZED);
        assertThat(f.inventory.size()).isEqualTo(1);
    }

    @Test
    void aCsrAskingForOtherNamesThanTheTokenIsForbiddenAndNothingIsStored() {
        StepException e = catchThrowableOfType(StepException.class, () -> step.sign(new StepAuthority.SignRequest(
                StepFixture.csr("evil.example.com"), f.signToken("www.example.com", List.of("www.example.com")), "", "")));
        assertThat(e.kind()).isEqualTo(StepErrorKind.FORBIDDEN);
        assertThat(f.inventory.size()).isZero();
    }

    @Test
    void aNotAfterBeforeNotBeforeIsABadRequest() {
        StepException e = catchThrowableOfType(StepException.class, () -> step.sign(new StepAuthority.SignRequest(
                StepFixture.csr("www.example.com"), f.signToken("www.example.com", List.of("www.example.com")),
                "2026-12-06T06:00:00Z", "2026-12-06T05:00:00Z")));
        assertThat(e.kind()).isEqualTo(StepErrorKind.BAD_REQUEST);
    }

    @Test
    void renewKeepsNamesKeyAndSpan() {
        X509Certificate old = sign("www.example.com").leaf();

        IssuedCertificate renewed = step.renew(old);

        assertThat(renewed.leaf().getSerialNumber()).isNotEqualTo(old.getSerialNumber());
        assertThat(renewed.leaf().getPublicKey()).isEqualTo(old.getPublicKey());
        assertThat(renewed.leaf().getSubjectX500Principal()).isEqualTo(old.getSubjectX500Principal());
        assertThat(Duration.between(renewed.leaf().getNotBefore().toInstant(), renewed.leaf().getNotAfter().toInstant()))
                .isEqualTo(Duration.between(old.getNotBefore().toInstant(), old.getNotAfter().toInstant()));
        assertThat(f.inventory.findBySerial(renewed.serialHex())).isPresent();
    }

    @Test
    void aRevokedCertificateIsNotRenewed() {
        X509Certificate old = sign("www.example.com").leaf();
        f.revocations.revoke(Serials.toHex(old.getSerialNumber()), 1, StepFixture.NOW);

        StepException e = catchThrowableOfType(StepException.class, () -> step.renew(old));

        assertThat(e.kind()).isEqualTo(StepErrorKind.UNAUTHORIZED);
        assertThat(e.reason()).contains("is revoked");
    }

    @Test
    void rekeyTakesTheNewCsrsKey() {
        X509Certificate old = sign("www.example.com").leaf();
        KeyPair fresh = KeyType.EC_P256.generate();

        IssuedCertificate rekeyed = step.rekey(old, StepFixture.csr("www.example.com", fresh));

        assertThat(rekeyed.leaf().getPublicKey()).isEqualTo(fresh.getPublic());
        assertThat(rekeyed.leaf().getSubjectX500Principal()).isEqualTo(old.getSubjectX500Principal());
    }

    @Test
    void rekeyWithoutCsrIsABadRequest() {
        X509Certificate old = sign("www.example.com").leaf();
        StepException e = catchThrowableOfType(StepException.class, () -> step.rekey(old, ""));
        assertThat(e.kind()).isEqualTo(StepErrorKind.BAD_REQUEST);
        assertThat(e.clientMessage()).isEqualTo("missing csr");
    }

    @Test
    void aRenewTokenThatIsNotAJwtIsUnauthorized() {
        StepException e = catchThrowableOfType(StepException.class, () -> step.renewWithToken("garbage"));
        assertThat(e.kind()).isEqualTo(StepErrorKind.UNAUTHORIZED);
    }
}
