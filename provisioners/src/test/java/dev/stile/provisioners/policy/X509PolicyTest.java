package dev.stile.provisioners.policy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stile.provisioners.AuthorizationException;
import dev.stile.provisioners.ProvisionerConfigException;
import dev.stile.provisioners.sign.CertificateNames;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class X509PolicyTest {

    static X509Policy policy(String x509) throws Exception {
        return X509Policy.fromAuthorityPolicy(new ObjectMapper().readTree("{\"x509\":" + x509 + "}"));
    }

    static CertificateNames names(String cn, String... sans) {
        return CertificateNames.fromSans(cn, List.of(sans));
    }

    @Test
    void allowListsAdmitOnlyMatchingNames() throws Exception {
        X509Policy p = policy("{\"allow\":{\"dns\":[\"*.example.com\",\"example.com\"],\"ip\":[\"10.0.0.0/8\"],"
                + "\"email\":[\"@example.com\"]},\"deny\":{\"dns\":[\"admin.example.com\"]}}");
        assertThatCode(() -> p.check(names("www.example.com", "www.example.com", "example.com", "10.1.2.3", "a@example.com")))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> p.check(names("", "a.b.example.com")))
                .isInstanceOf(AuthorizationException.class)
                .hasMessage("the authority's x509 policy does not allow DNS name \"a.b.example.com\": it matches no allow rule");
        assertThatThrownBy(() -> p.check(names("", "admin.example.com")))
                .hasMessageContaining("\"admin.example.com\": denied by rule \"admin.example.com\"");
        assertThatThrownBy(() -> p.check(names("", "192.168.1.1"))).hasMessageContaining("IP address \"192.168.1.1\"");
        assertThatThrownBy(() -> p.check(names("", "spiffe://example.com/x")))
                .hasMessageContaining("no allow rule for this type");
        assertThatThrownBy(() -> p.check(names("", "*.example.com"))).hasMessageContaining("wildcard names are not allowed");
        assertThatThrownBy(() -> p.check(names("evil.org", "www.example.com"))).hasMessageContaining("common name \"evil.org\"");
        try {
            p.check(names("", "evil.org"));
        } catch (AuthorizationException e) {
            org.assertj.core.api.Assertions.assertThat(e.status()).isEqualTo(403);
            org.assertj.core.api.Assertions.assertThat(e.stepMessage())
                    .startsWith("The request was forbidden by the certificate authority: the authority's x509 policy");
        }
    }

    @Test
    void denyOnlyPoliciesAllowEverythingElse() throws Exception {
        X509Policy p = policy("{\"deny\":{\"ip\":[\"10.0.0.1\"],\"cn\":[\"root\"]},\"allowWildcardNames\":true}");
        assertThatCode(() -> p.check(names("x", "anything.org", "10.0.0.2", "*.wild.org"))).doesNotThrowAnyException();
        assertThatThrownBy(() -> p.check(names("", "10.0.0.1"))).hasMessageContaining("denied by rule \"10.0.0.1\"");
        assertThatThrownBy(() -> p.check(names("root"))).hasMessageContaining("common name \"root\"");
    }

    @Test
    void noPolicyAllowsEverythingAndBadRulesFailAtLoad() throws Exception {
        assertThatCode(() -> X509Policy.fromAuthorityPolicy(null).check(names("x", "*.a"))).doesNotThrowAnyException();
        assertThatThrownBy(() -> policy("{\"allow\":{\"ip\":[\"10.0.0.0/40\"]}}"))
                .isInstanceOf(ProvisionerConfigException.class).hasMessageContaining("authority.policy.x509.allow.ip");
        assertThatThrownBy(() -> policy("{\"allow\":{\"ip\":[\"intranet\"]}}")).hasMessageContaining("not an IP address");
        X509Policy cn = policy("{\"allow\":{\"cn\":[\"Jane Doe\"],\"email\":[\"jane@example.com\"],\"ip\":[\"fd00::/8\"]}}");
        assertThatCode(() -> cn.check(names("Jane Doe", "jane@example.com", "fd00::1"))).doesNotThrowAnyException();
    }
}
