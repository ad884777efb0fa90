package dev.stile.server.http.acme;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.stile.acme.jws.JwsVerifier;
import dev.stile.acme.nonce.NonceService;
import dev.stile.acme.service.AccountService;
import dev.stile.acme.service.AcmeLinks;
import dev.stile.acme.service.AcmeProvisionerSettings;
import dev.stile.acme.service.AcmeUrls;
import dev.stile.acme.service.AuthorizationService;
import dev.stile.acme.service.CertificateService;
import dev.stile.acme.service.ChallengeService;
import dev.stile.acme.service.FinalizeService;
import dev.stile.acme.service.OrderService;
import dev.stile.acme.service.RenewalInfoService;
import dev.stile.acme.service.ValidationRunner;
import dev.stile.acme.store.fake.InMemoryAccountStore;
import dev.stile.acme.store.fake.InMemoryAcmeCertificateStore;
import dev.stile.acme.store.fake.InMemoryEabKeyStore;
import dev.stile.acme.store.fake.InMemoryNonceStore;
import dev.stile.acme.store.fake.InMemoryOrderStore;
import dev.stile.acme.testing.FakeRevocation;
import io.javalin.Javalin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An unexpected exception becomes {@code serverInternal} with a generic detail carrying an error id,
 * and the same id is in the log line with the stack trace. The routes run on a plain Javalin over
 * the in-memory stores, so the failure can be provoked on purpose.
 */
class AcmeInternalErrorIT {

    private Javalin javalin;
    private ListAppender<ILoggingEvent> log;

    @BeforeEach
    void start() {
        Clock clock = Clock.systemUTC();
        InMemoryAccountStore accounts = new InMemoryAccountStore();
        InMemoryOrderStore orders = new InMemoryOrderStore();
        InMemoryAcmeCertificateStore certificates = new InMemoryAcmeCertificateStore();
        NonceService nonces = new NonceService(new InMemoryNonceStore(), clock);
        AcmeUrls urls = AcmeLinks.accountUrls("https://localhost");
        FakeRevocation revocation = new FakeRevocation(clock);
        ValidationRunner runner = new ValidationRunner(orders, accounts, Map.of(), urls, clock,
                ValidationRunner.Settings.defaults());
        AcmeProvisioners provisioners = name -> {
            if (name.equals("boom")) {
                throw new IllegalStateException("the provisioner table is on fire");
            }
            return Optional.of(AcmeProvisionerSettings.defaults(name));
        };
        AcmeApi api = new AcmeApi(provisioners, nonces, new JwsVerifier(nonces, accounts),
                new AccountService(accounts, orders, new InMemoryEabKeyStore(), clock),
                new OrderService(orders, certificates, clock), new AuthorizationService(orders, clock),
                new ChallengeService(orders, runner, clock),
                new FinalizeService(orders, certificates, request -> {
                    throw new IllegalStateException("no issuer here");
                }, null, urls, clock),
                new CertificateService(certificates, orders, revocation, urls, clock),
                new RenewalInfoService(certificates, revocation, clock));
        log = new ListAppender<>();
        log.start();
        ((Logger) LoggerFactory.getLogger(AcmeRoutes.class)).addAppender(log);
        javalin = Javalin.create(c -> new AcmeRoutes(api, () -> "https://localhost").register(c.routes))
                .start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        ((Logger) LoggerFactory.getLogger(AcmeRoutes.class)).detachAppender(log);
        javalin.stop();
    }

    @Test
    void unexpectedFailureIsServerInternalWithAnErrorIdThatIsLogged() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + javalin.port() + "/acme/boom/directory")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(r.headers().firstValue("Replay-Nonce")).isPresent();
        JsonNode body = RawAcme.json(r);
        assertThat(body.path("type").asText()).isEqualTo("urn:ietf:params:acme:error:serverInternal");
        String detail = body.path("detail").asText();
        assertThat(detail).doesNotContain("on fire");
        Matcher m = Pattern.compile("error id ([0-9a-f]{12})").matcher(detail);
        assertThat(m.find()).as(detail).isTrue();
        assertThat(log.list).anySatisfy(e -> {
            assertThat(e.getFormattedMessage()).contains(m.group(1)).contains("on fire");
            assertThat(e.getThrowableProxy()).isNotNull();
        });
    }

    @Test
    void aWorkingProvisionerStillAnswersOnTheSameServer() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + javalin.port() + "/acme/fine/directory")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(RawAcme.json(r).path("newNonce").asText()).isEqualTo("https://127.0.0.1:" + javalin.port()
                + "/acme/fine/new-nonce");
    }
}
