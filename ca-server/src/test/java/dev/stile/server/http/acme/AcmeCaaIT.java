package dev.stile.server.http.acme;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Http01Challenge;
import org.shredzone.acme4j.exception.AcmeServerException;
import org.shredzone.acme4j.util.KeyPairUtils;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** With validation.caa.identities set, finalize checks CAA (RFC 8659) and a forbidding record makes the order invalid. */
class AcmeCaaIT {

    private static final String D = AcmeTestServer.DOMAIN;

    @TempDir
    static Path dir;
    static AcmeTestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = AcmeTestServer.start(dir, "3s", "\"caa\": {\"identities\": [\"ca.stile.test\"]}");
        server.dns.add("a." + D, "CAA", "0 issue \"ca.stile.test\"");
        server.dns.add("b." + D, "CAA", "0 issue \"other-ca.example\"");
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private static Order readyOrder(String name) throws Exception {
        Login login = new AccountBuilder().agreeToTermsOfService().useKeyPair(KeyPairUtils.createECKeyPair("secp256r1"))
                .createLogin(server.session("acme"));
        Order order = login.newOrder().domain(name).create();
        AcmeFlows.solve(server, order.getAuthorizations().get(0), Http01Challenge.TYPE);
        assertThat(order.waitUntilReady(AcmeFlows.WAIT)).isEqualTo(Status.READY);
        return order;
    }

    @Test
    void aRecordNamingThisCaAllowsIssuance() throws Exception {
        Order order = readyOrder("a." + D);
        order.execute(KeyPairUtils.createECKeyPair("secp256r1"));
        assertThat(order.waitForCompletion(AcmeFlows.WAIT)).isEqualTo(Status.VALID);
    }

    @Test
    void aRecordNamingAnotherCaForbidsIssuanceAndSaysSo() throws Exception {
        Order order = readyOrder("b." + D);
        assertThatThrownBy(() -> order.execute(KeyPairUtils.createECKeyPair("secp256r1")))
                .isInstanceOf(AcmeServerException.class)
                .satisfies(e -> {
                    AcmeServerException ase = (AcmeServerException) e;
                    assertThat(ase.getType().toString()).isEqualTo("urn:ietf:params:acme:error:caa");
                    assertThat(ase.getProblem().getDetail().orElseThrow()).contains("b." + D)
                            .contains("other-ca.example");
                });
        order.fetch();
        assertThat(order.getStatus()).isEqualTo(Status.INVALID);
    }
}
