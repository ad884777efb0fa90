package dev.stile.step;

import dev.stile.authority.CertificateExtensions;
import dev.stile.authority.keys.KeyType;
import dev.stile.authority.init.PkiGenerator;
import dev.stile.step.wire.StepWire;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The CA's certificates (reference 2.1-2.4) and their wire format. */
class CaCertificatesTest {

    private static final PkiGenerator.Pki PKI = new PkiGenerator(Clock.systemUTC()).generate("Roots", KeyType.EC_P256);
    private static final PkiGenerator.Pki FEDERATED = new PkiGenerator(Clock.systemUTC()).generate("Other", KeyType.EC_P256);

    private final CaCertificates certificates = new CaCertificates(List.of(PKI.root()), List.of(PKI.intermediate()),
            List.of(FEDERATED.root()));

    @Test
    void aRootIsFoundByFingerprintInAnyCaseWithDashes() {
        String sum = CertificateExtensions.sha256Fingerprint(FEDERATED.root());
        String dashed = sum.toUpperCase().substring(0, 8) + "-" + sum.toUpperCase().substring(8);
        assertThat(certificates.root(dashed)).isEqualTo(FEDERATED.root());
        WireShape.assertMatches("root-response.json", StepWire.rootResponse(certificates.root(sum)));
    }

    @Test
    void anUnknownFingerprintIsNotFound() {
        StepException e = catchThrowableOfType(StepException.class, () -> certificates.root("00FF"));
        assertThat(e.kind()).isEqualTo(StepErrorKind.NOT_FOUND);
        StepWire.Error answer = StepWire.error(e);
        assertThat(answer.status()).isEqualTo(404);
        WireShape.assertMatches("error-not-found-root.json", answer.body());
    }

    @Test
    void listsAnswerCrtsAndNoIntermediatesIsNotImplemented() {
        WireShape.assertMatches("roots-response.json", StepWire.certificatesResponse(certificates.roots()));
        assertThat(certificates.federation()).containsExactly(PKI.root(), FEDERATED.root());

        CaCertificates rootsOnly = new CaCertificates(List.of(PKI.root()), List.of(), List.of());
        StepException e = catchThrowableOfType(StepException.class, rootsOnly::intermediates);
        assertThat(e.kind()).isEqualTo(StepErrorKind.NOT_IMPLEMENTED);
        WireShape.assertMatches("error-not-implemented.json", StepWire.error(e).body());
    }

    @Test
    void healthAndVersion() {
        WireShape.assertMatches("health-response.json", StepWire.healthResponse());
        WireShape.assertMatches("version-response.json", StepWire.versionResponse("0.1.0", "BC"));
    }
}
