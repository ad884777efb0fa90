package dev.stile.step;

import dev.stile.authority.IssuedCertificate;
import dev.stile.step.wire.StepWire;
import dev.stile.step.wire.TlsOptions;
import org.junit.jupiter.api.Test;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Every step use case's answer, rendered by {@link StepWire} exactly as the HTTP edge sends it,
 * against the golden fixtures of step-ca's wire format (src/test/resources/fixtures).
 */
class StepWireFixturesTest {

    /** step-ca's default TLS options (ca.json without a {@code tls} block). */
    private static final TlsOptions STEP_DEFAULT_TLS = new TlsOptions(List.of(
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"),
            "TLSv1.2", "TLSv1.3");

    private final StepFixture f = new StepFixture();
    private final StepAuthority step = f.stepAuthority();

    private IssuedCertificate sign() {
        return step.sign(new StepAuthority.SignRequest(StepFixture.csr("www.example.com"),
                f.signToken("www.example.com", List.of("www.example.com")), "", ""));
    }

    private static void assertError(String fixture, int status, Runnable failing) {
        StepException e = catchThrowableOfType(StepException.class, failing::run);
        assertThat(e).as("a StepException").isNotNull();
        StepWire.Error answer = StepWire.error(e);
        assertThat(answer.status()).isEqualTo(status);
        assertThat(answer.body().get("status").asInt()).as("body status equals the HTTP status").isEqualTo(status);
        WireShape.assertMatches(fixture, answer.body());
    }

    @Test
    void signRenewAndRekeyAnswerTheSameShape() {
        IssuedCertificate signed = sign();
        WireShape.assertMatches("sign-response.json", StepWire.signResponse(signed, STEP_DEFAULT_TLS));
        WireShape.assertMatches("sign-response.json", StepWire.signResponse(step.renew(signed.leaf()), STEP_DEFAULT_TLS));
        WireShape.assertMatches("sign-response.json", StepWire.signResponse(
                step.rekey(signed.leaf(), StepFixture.csr("www.example.com")), STEP_DEFAULT_TLS));
    }

    @Test
    void signResponseCarriesLeafThenIntermediateAndNeverTheRoot() {
        IssuedCertificate signed = sign();
        var body = StepWire.signResponse(signed, STEP_DEFAULT_TLS);
        assertThat(body.get("crt").asText()).isEqualTo(body.get("certChain").get(0).asText());
        assertThat(body.get("ca").asText()).isEqualTo(body.get("certChain").get(1).asText());
        assertThat(body.get("certChain")).hasSize(signed.chain().size());
    }

    @Test
    void revokeAnswersOk() {
        X509Certificate cert = sign().leaf();
        f.revoker().revoke(new StepRevoker.Request(cert.getSerialNumber().toString(), "", 0, "", true), cert);
        WireShape.assertMatches("revoke-response.json", StepWire.revokeResponse());
    }

    @Test
    void provisionersPageAndEncryptedKey() {
        ProvisionerKeys keys = f.provisionerKeys();
        WireShape.assertMatches("provisioners-response.json", StepWire.provisionersResponse(keys.page(null, null)));
        WireShape.assertMatches("provisioners-first-page-response.json",
                StepWire.provisionersResponse(keys.page("", "1")));
        WireShape.assertMatches("encrypted-key-response.json",
                StepWire.encryptedKeyResponse(keys.encryptedKey(f.provisionerKey.getKeyId())));
    }

    @Test
    void badRequests() {
        assertError("error-bad-request-missing-csr.json", 400,
                () -> step.sign(new StepAuthority.SignRequest("", "x", "", "")));
        assertError("error-bad-request-missing-client-certificate.json", 400,
                () -> f.revoker().revoke(new StepRevoker.Request("10", "", 0, "", true), null));
        assertError("error-bad-request-limit.json", 400, () -> f.provisionerKeys().page("", "ten"));
    }

    @Test
    void everyTokenFailureIsTheGeneric401() {
        assertError("error-unauthorized.json", 401, () -> step.sign(new StepAuthority.SignRequest(
                StepFixture.csr("www.example.com"), "not.a.jwt", "", "")));
        assertError("error-unauthorized.json", 401, () -> step.renewWithToken("garbage"));
    }

    @Test
    void forbidden() {
        X509Certificate cert = sign().leaf();
        X509Certificate other = sign().leaf();
        assertError("error-forbidden-serial-mismatch.json", 403, () -> f.revoker().revoke(
                new StepRevoker.Request(cert.getSerialNumber().toString(), "", 0, "", true), other));
    }

    @Test
    void notFound() {
        assertError("error-not-found-encrypted-key.json", 404, () -> f.provisionerKeys().encryptedKey("nope"));
        assertError("error-not-found-crl.json", 404,
                () -> f.crl(new CrlSettings(false, false, Duration.ofHours(24), null)).published());
    }

    @Test
    void notImplemented() {
        assertError("error-not-implemented.json", 501,
                () -> f.revoker().revoke(new StepRevoker.Request("10", "", 0, "", false), null));
    }

    @Test
    void anInventoryFailureIsTheGeneric500WithTheCauseKeptForTheLog() {
        f.inventory.failWith(new IllegalStateException("disk full"));
        assertError("error-internal.json", 500, this::sign);
        StepException e = catchThrowableOfType(StepException.class, this::sign);
        assertThat(e.kind()).isEqualTo(StepErrorKind.INTERNAL);
        assertThat(e.getCause()).isNotNull();
    }
}
