package dev.stile.admin.inventory;

import dev.stile.admin.inventory.SerialForms;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SerialFormsTest {

    @Test
    void digitsAreTriedAsDecimalAndAsHex() {
        assertThat(SerialForms.candidates("255")).containsExactly("255", "ff");
    }

    @Test
    void lettersColonsAndPrefixMeanHexOnly() {
        assertThat(SerialForms.candidates("00:AB:12")).containsExactly("ab12");
        assertThat(SerialForms.candidates("0x0100")).containsExactly("100");
        assertThat(SerialForms.candidates("Ff")).containsExactly("ff");
    }

    @Test
    void anythingElseIsRefusedWithTheTypedText() {
        assertThatThrownBy(() -> SerialForms.candidates("12-34")).hasMessageContaining("\"12-34\"");
    }
}
