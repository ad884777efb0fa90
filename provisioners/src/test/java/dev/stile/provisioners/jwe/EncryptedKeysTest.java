package dev.stile.provisioners.jwe;

import dev.stile.provisioners.StepTokens;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.Test;

import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EncryptedKeysTest {

    static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    @Test
    void roundTripsWithStepsCurrentParameters() throws Exception {
        PublicJsonWebKey key = StepTokens.provisionerKey();
        String jwe = EncryptedKeys.encrypt(key, "pass word".toCharArray(), EncryptedKeys.STEP_ITERATIONS);
        String header = new String(Base64.getUrlDecoder().decode(jwe.split("\\.")[0]), StandardCharsets.UTF_8);
        assertThat(header).contains("\"alg\":\"PBES2-HS256+A128KW\"").contains("\"enc\":\"A256GCM\"")
                .contains("\"cty\":\"jwk+json\"").contains("\"p2c\":600000").contains("\"p2s\":");
        PublicJsonWebKey back = EncryptedKeys.decrypt(jwe, "pass word".toCharArray());
        assertThat(back.getKeyId()).isEqualTo(key.getKeyId());
        assertThat(back.getAlgorithm()).isEqualTo("ES256");
        assertThat(back.getPrivateKey()).isEqualTo(key.getPrivateKey());
    }

    @Test
    void wrongPasswordFails() {
        String jwe = EncryptedKeys.encrypt(StepTokens.provisionerKey(), "right".toCharArray(), 1000);
        assertThatThrownBy(() -> EncryptedKeys.decrypt(jwe, "wrong".toCharArray()))
                .isInstanceOf(GeneralSecurityException.class).hasMessageContaining("wrong password");
    }

    /**
     * An older step CA's key: A128GCM, 100000 iterations, no cty. Made here with the JDK alone
     * (RFC 7518 4.8 by hand), so the test does not only check jose4j against itself.
     */
    @Test
    void decryptsAnIndependentlyMadeOlderStepJwe() throws Exception {
        PublicJsonWebKey key = StepTokens.provisionerKey();
        String plaintext = key.toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE);
        String jwe = pbes2("secret", 100_000, "A128GCM", 16, plaintext);
        assertThat(EncryptedKeys.decrypt(jwe, "secret".toCharArray()).getPrivateKey()).isEqualTo(key.getPrivateKey());
    }

    @Test
    void decryptsAnIndependentlyMadeCurrentStepJwe() throws Exception {
        PublicJsonWebKey key = StepTokens.provisionerKey();
        String jwe = pbes2("secret", 600_000, "A256GCM", 32, key.toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE));
        assertThat(EncryptedKeys.decrypt(jwe, "secret".toCharArray()).getKeyId()).isEqualTo(key.getKeyId());
    }

    @Test
    void recognisesWhatIsNotACompactJwe() {
        String jwe = EncryptedKeys.encrypt(StepTokens.provisionerKey(), "p".toCharArray(), 1000);
        assertThat(EncryptedKeys.whyNotCompactJwe(jwe)).isNull();
        String wrapped = Base64.getEncoder().encodeToString(jwe.getBytes(StandardCharsets.US_ASCII));
        assertThat(EncryptedKeys.whyNotCompactJwe(wrapped)).contains("five dot-separated parts")
                .contains("looks base64-encoded");
        assertThat(EncryptedKeys.whyNotCompactJwe("a.b.c")).contains("this value has 3");
        assertThat(EncryptedKeys.whyNotCompactJwe("")).isEqualTo("it is empty");
    }

    static String pbes2(String password, int p2c, String enc, int cekLength, String plaintext) throws Exception {
        SecureRandom rnd = new SecureRandom();
        byte[] p2s = new byte[16];
        rnd.nextBytes(p2s);
        String header = "{\"alg\":\"PBES2-HS256+A128KW\",\"enc\":\"" + enc + "\",\"p2c\":" + p2c
                + ",\"p2s\":\"" + B64.encodeToString(p2s) + "\"}";
        byte[] alg = "PBES2-HS256+A128KW".getBytes(StandardCharsets.UTF_8);
        byte[] salt = new byte[alg.length + 1 + p2s.length];
        System.arraycopy(alg, 0, salt, 0, alg.length);
        System.arraycopy(p2s, 0, salt, alg.length + 1, p2s.length);
        byte[] kek = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new PBEKeySpec(password.toCharArray(), salt, p2c, 128)).getEncoded();
        byte[] cek = new byte[cekLength];
        rnd.nextBytes(cek);
        Cipher wrap = Cipher.getInstance("AESWrap");
        wrap.init(Cipher.WRAP_MODE, new SecretKeySpec(kek, "AES"));
        byte[] wrapped = wrap.wrap(new SecretKeySpec(cek, "AES"));
        byte[] iv = new byte[12];
        rnd.nextBytes(iv);
        String encodedHeader = B64.encodeToString(header.getBytes(StandardCharsets.UTF_8));
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(cek, "AES"), new GCMParameterSpec(128, iv));
        gcm.updateAAD(encodedHeader.getBytes(StandardCharsets.US_ASCII));
        byte[] out = gcm.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
        byte[] ct = Arrays.copyOf(out, out.length - 16);
        byte[] tag = Arrays.copyOfRange(out, out.length - 16, out.length);
        return encodedHeader + "." + B64.encodeToString(wrapped) + "." + B64.encodeToString(iv) + "."
                + B64.encodeToString(ct) + "." + B64.encodeToString(tag);
    }
}
