package dev.stile.step;

import dev.stile.core.Page;
import dev.stile.provisioners.Provisioner;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** {@code GET /provisioners} and {@code /provisioners/{kid}/encrypted-key} (reference 2.5, 2.6). */
class ProvisionerKeysTest {

    private final StepFixture f = new StepFixture();
    private final ProvisionerKeys keys = f.provisionerKeys();

    @Test
    void pagesInConfigurationOrder() {
        Page<Provisioner> first = keys.page(null, "1");
        assertThat(first.items()).extracting(Provisioner::name).containsExactly(StepFixture.PROVISIONER);
        assertThat(first.nextCursor()).isNotEmpty();

        Page<Provisioner> second = keys.page(first.nextCursor(), "1");
        assertThat(second.items()).extracting(Provisioner::name).containsExactly("acme");
        assertThat(second.nextCursor()).isEmpty();
    }

    @Test
    void aLimitThatIsNotANumberIsABadRequest() {
        StepException e = catchThrowableOfType(StepException.class, () -> keys.page("", "ten"));
        assertThat(e.kind()).isEqualTo(StepErrorKind.BAD_REQUEST);
        assertThat(e.clientMessage()).startsWith("error converting ");
    }

    @Test
    void theEncryptedKeyIsFoundByKid() {
        assertThat(keys.encryptedKey(f.provisionerKey.getKeyId())).isEqualTo(StepFixture.ENCRYPTED_KEY);
    }

    @Test
    void anUnknownKidIsNotFound() {
        StepException e = catchThrowableOfType(StepException.class, () -> keys.encryptedKey("nope"));
        assertThat(e.kind()).isEqualTo(StepErrorKind.NOT_FOUND);
        assertThat(e.clientMessage()).isEqualTo("encrypted key not found for provisioner with kid nope");
    }
}
