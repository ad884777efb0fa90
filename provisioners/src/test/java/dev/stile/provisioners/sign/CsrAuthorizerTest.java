package dev.stile.provisioners.sign;

import dev.stile.authority.AuthorityException;
import dev.stile.authority.csr.CsrParser;
import dev.stile.authority.csr.ParsedCsr;
import dev.stile.provisioners.AuthorizationException;
import dev.stile.provisioners.TestPki;
import dev.stile.provisioners.UnknownProvisioner;
import dev.stile.provisioners.claims.Claims;
import dev.stile.provisioners.token.TokenPurpose;
import dev.stile.provisioners.token.VerifiedToken;
import dev.stile.provisioners.token.VerifiedToken.NameSource;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsrAuthorizerTest {

    final KeyPair key = TestPki.ecKey();

    static VerifiedToken token(String sub, List<String> sans, NameSource source, Optional<String> cnf, Optional<String> email) {
        var p = new UnknownProvisioner("p", "JWK", Claims.BUILT_IN, JsonNodeFactory.instance.objectNode());
        return new VerifiedToken(p, TokenPurpose.SIGN, sub, sans, source, "id", cnf, List.of(), email, new JwtClaims());
    }

    static VerifiedToken jwk(String sub, String... sans) {
        return token(sub, List.of(sans), NameSource.TOKEN, Optional.empty(), Optional.empty());
    }

    @Test
    void namesComeFromTheTokenWhenTheCsrRepeatsThem() {
        ParsedCsr csr = TestPki.parsedCsr(key, "www.example.com", List.of("www.example.com", "10.0.0.1"));
        CertificateNames n = CsrAuthorizer.names(jwk("www.example.com", "www.example.com", "10.0.0.1",
                "ops@example.com", "spiffe://example.com/app"), csr);
        assertThat(n.commonName()).isEqualTo("www.example.com");
        assertThat(n.dnsNames()).containsExactly("www.example.com");
        assertThat(n.ipAddresses()).containsExactly("10.0.0.1");
        assertThat(n.emailAddresses()).containsExactly("ops@example.com");
        assertThat(n.uris()).containsExactly("spiffe://example.com/app");
        assertThat(csr.publicKey()).isEqualTo(key.getPublic());
    }

    @Test
    void aCsrWithoutSansOrCnGetsTheTokensNames() {
        CertificateNames n = CsrAuthorizer.names(jwk("svc", "svc", "svc.ns"), TestPki.parsedCsr(key, "", List.of()));
        assertThat(n.commonName()).isEqualTo("svc");
        assertThat(n.dnsNames()).containsExactly("svc", "svc.ns");
    }

    @Test
    void aSanNotInTheTokenIsForbidden() {
        var csr = TestPki.parsedCsr(key, "www.example.com", List.of("www.example.com", "evil.example.com"));
        assertThatThrownBy(() -> CsrAuthorizer.names(jwk("www.example.com", "www.example.com"), csr))
                .isInstanceOf(AuthorizationException.class)
                .satisfies(e -> assertThat(((AuthorizationException) e).status()).isEqualTo(403))
                .hasMessageContaining("not in the token: [evil.example.com]");
        var cn = TestPki.parsedCsr(key, "other", List.of());
        assertThatThrownBy(() -> CsrAuthorizer.names(jwk("www.example.com", "www.example.com"), cn))
                .hasMessageContaining("got other, want www.example.com");
        var ip = TestPki.parsedCsr(key, "", List.of("10.0.0.2"));
        assertThatThrownBy(() -> CsrAuthorizer.names(jwk("a", "a", "10.0.0.1"), ip)).hasMessageContaining("IP addresses");
    }

    @Test
    void theCnfFingerprintMustMatchTheCsr() throws Exception {
        var csr = TestPki.parsedCsr(key, "a", List.of("a"));
        String good = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(MessageDigest.getInstance("SHA-256").digest(csr.der()));
        CsrAuthorizer.names(token("a", List.of("a"), NameSource.TOKEN, Optional.of(good), Optional.empty()), csr);
        assertThatThrownBy(() -> CsrAuthorizer.names(token("a", List.of("a"), NameSource.TOKEN, Optional.of("xyz"),
                Optional.empty()), csr)).hasMessageContaining("does not match the token's cnf");
    }

    @Test
    void csrNamesAreCopiedForK8sAndOidcUsersGetOnlyTheirEmail() {
        var csr = TestPki.parsedCsr(key, "app", List.of("app.default.svc"));
        CertificateNames n = CsrAuthorizer.names(token("sa", List.of(), NameSource.CSR, Optional.empty(), Optional.empty()), csr);
        assertThat(n.dnsNames()).containsExactly("app.default.svc");
        VerifiedToken oidc = token("u1", List.of(), NameSource.EMAIL, Optional.empty(), Optional.of("jane@example.com"));
        assertThat(CsrAuthorizer.names(oidc, TestPki.parsedCsr(key, "jane@example.com", List.of("jane@example.com"))).emailAddresses())
                .containsExactly("jane@example.com");
        assertThatThrownBy(() -> CsrAuthorizer.names(oidc, csr)).hasMessageContaining("names other than the email");
    }

    @Test
    void weakKeysAreForbiddenBeforeAuthorization() throws Exception {
        // The key rule is the authority's CsrParser's, applied once when the request is parsed.
        byte[] der = TestPki.csr(TestPki.rsaKey(1024), "a", List.of()).getEncoded();
        assertThatThrownBy(() -> CsrParser.parseDer(der))
                .isInstanceOfSatisfying(AuthorityException.class,
                        e -> assertThat(e.httpStatus()).isEqualTo(403))
                .hasMessageContaining("at least 2048 bits");
    }

    @Test
    void sanClassificationFollowsStep() {
        CertificateNames n = CertificateNames.fromSans("x", List.of("1.2.3.4", "::1", "a@b.c", "https://x/y", "host", "999.1.1.1"));
        assertThat(n.ipAddresses()).containsExactly("1.2.3.4", "0:0:0:0:0:0:0:1");
        assertThat(n.emailAddresses()).containsExactly("a@b.c");
        assertThat(n.uris()).containsExactly("https://x/y");
        assertThat(n.dnsNames()).containsExactly("host", "999.1.1.1");
        assertThat(n.typedSans()).contains("ip:1.2.3.4", "dns:host");
    }
}
