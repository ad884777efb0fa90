package dev.stile.acme.model;

import org.jose4j.jwk.JsonWebKey;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KeyAuthorizationTest {

    /** The example key of RFC 7638 §3.1 and its published thumbprint. */
    static final String RFC7638_KEY = "{\"kty\":\"RSA\",\"n\":\"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw\",\"e\":\"AQAB\",\"alg\":\"RS256\",\"kid\":\"2011-04-29\"}";
    static final String RFC7638_THUMBPRINT = "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs";

    @Test
    void okThumbprintMatchesRfc7638Example() throws Exception {
        JsonWebKey key = JsonWebKey.Factory.newJwk(RFC7638_KEY);
        assertThat(KeyAuthorization.thumbprint(key)).isEqualTo(RFC7638_THUMBPRINT);
    }

    @Test
    void okKeyAuthorizationIsTokenDotThumbprint() throws Exception {
        JsonWebKey key = JsonWebKey.Factory.newJwk(RFC7638_KEY);
        assertThat(KeyAuthorization.of("evaGxfADs6pSRb2LAv9IZf17Dt3juxGJ-PCt92wr-oA", key))
                .isEqualTo("evaGxfADs6pSRb2LAv9IZf17Dt3juxGJ-PCt92wr-oA." + RFC7638_THUMBPRINT);
        assertThat(KeyAuthorization.of("tok", RFC7638_THUMBPRINT)).isEqualTo("tok." + RFC7638_THUMBPRINT);
    }

    @Test
    void okOptionalMembersDoNotChangeTheThumbprint() throws Exception {
        JsonWebKey bare = JsonWebKey.Factory.newJwk(RFC7638_KEY.replace(",\"alg\":\"RS256\",\"kid\":\"2011-04-29\"", ""));
        assertThat(KeyAuthorization.thumbprint(bare)).isEqualTo(RFC7638_THUMBPRINT);
    }
}
