package dev.stile.provisioners.jwe;

import dev.stile.provisioners.StepTokens;
import org.jose4j.jca.ProviderContext;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JoseProvidersTest {

    /** The provider context really selects the provider: a bogus one makes the same call fail. */
    @Test
    void theProviderContextTakesEffect() throws Exception {
        PublicJsonWebKey key = StepTokens.provisionerKey();
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload("x");
        jws.setKey(key.getPrivateKey());
        jws.setAlgorithmHeaderValue("ES256");
        String compact = jws.getCompactSerialization();

        JsonWebSignature ok = new JsonWebSignature();
        ok.setProviderContext(JoseProviders.context());
        ok.setCompactSerialization(compact);
        ok.setKey(key.getPublicKey());
        assertThat(ok.verifySignature()).isTrue();

        ProviderContext bogus = new ProviderContext();
        bogus.getSuppliedKeyProviderContext().setGeneralProvider("NoSuchProvider");
        JsonWebSignature bad = new JsonWebSignature();
        bad.setProviderContext(bogus);
        bad.setCompactSerialization(compact);
        bad.setKey(key.getPublicKey());
        assertThatThrownBy(bad::verifySignature).hasMessageContaining("NoSuchProvider");
        assertThat(JoseProviders.context().getSuppliedKeyProviderContext().getGeneralProvider()).isEqualTo("BC");
    }
}
