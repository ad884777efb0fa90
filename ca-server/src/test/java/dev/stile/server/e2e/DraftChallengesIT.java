package dev.stile.server.e2e;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stile.acme.validation.dns.HashedAccountUri;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Challenge;
import org.shredzone.acme4j.challenge.DnsAccount01Challenge;
import org.shredzone.acme4j.connector.NetworkSettings;
import org.shredzone.acme4j.provider.GenericAcmeProvider;
import org.shredzone.acme4j.toolbox.AcmeUtils;
import org.shredzone.acme4j.toolbox.JoseUtils;
import org.shredzone.acme4j.util.KeyPairUtils;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * dns-account-01 (draft-ietf-acme-dns-account-label-02) and dns-persist-01
 * (draft-ietf-acme-dns-persist-02) end to end: {@code stile serve} with a provisioner that enables
 * only them, acme4j as the client (its dns-account-01 support is written against the draft; the
 * dns-persist-01 record, with its hashed account URI, is built here from the draft's text and the
 * directory's {@code accountHashPrefix}), records published in Knot DNS with {@code knsupdate}.
 */
class DraftChallengesIT {

    static final String PROVISIONER = "drafts";
    static final String ISSUER = "ca.stile.test";
    static final Duration WAIT = Duration.ofSeconds(30);

    private static E2eStack stack;

    @BeforeAll
    static void start() {
        E2eRequirements.knot();
        java.security.Security.addProvider(dev.stile.authority.crypto.BouncyCastle.provider()); // acme4j's key pairs
        stack = E2eStack.start(DraftChallengesIT.class, List.of("shared", "p1", "p2", "p3", "p4"), ca -> {
            ObjectNode drafts = ((com.fasterxml.jackson.databind.node.ArrayNode) ca.at("/authority/provisioners")).addObject();
            drafts.put("type", "ACME");
            drafts.put("name", PROVISIONER);
            drafts.putArray("challenges").add("dns-account-01").add("dns-persist-01");
            drafts.putArray("caaIdentities").add(ISSUER);
        });
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void dnsAccount01LetsTwoAccountsValidateOneNameWithoutClobberingEachOther() throws Exception {
        String name = "shared." + KnotDns.ZONE;
        Login first = account();
        Login second = account();
        Order o1 = first.newOrder().domain(name).create();
        Order o2 = second.newOrder().domain(name).create();
        DnsAccount01Challenge c1 = o1.getAuthorizations().get(0).findChallenge(DnsAccount01Challenge.class).orElseThrow();
        DnsAccount01Challenge c2 = o2.getAuthorizations().get(0).findChallenge(DnsAccount01Challenge.class).orElseThrow();
        var id = o1.getAuthorizations().get(0).getIdentifier();
        assertThat(c1.getRRName(id)).isNotEqualTo(c2.getRRName(id)).endsWith("._acme-challenge." + name + ".");
        stack.dns.updateTxt(stack.workspace, "add", c1.getRRName(id), "\"" + c1.getDigest() + "\"");
        stack.dns.updateTxt(stack.workspace, "add", c2.getRRName(id), "\"" + c2.getDigest() + "\"");

        c1.trigger();
        c2.trigger();
        assertThat(c1.waitForCompletion(WAIT)).as("%s", c1.getError()).isEqualTo(Status.VALID);
        assertThat(c2.waitForCompletion(WAIT)).as("%s", c2.getError()).isEqualTo(Status.VALID);
        assertThat(o1.getAuthorizations().get(0).getChallenges()).extracting(Challenge::getType)
                .containsExactlyInAnyOrder("dns-account-01", "dns-persist-01");
        assertIssued(o1, name);
        assertIssued(o2, name);
    }

    @Test
    void dnsPersist01IssuesFromAOneTimeRecordAndRefusesOtherAccountsExpiredAndWildcard() throws Exception {
        Login owner = account();
        String p1 = "p1." + KnotDns.ZONE;
        // The one-time record a homelab owner adds (two strings, joined, as in the draft's example).
        stack.dns.updateTxt(stack.workspace, "add", "_validation-persist." + p1,
                "\"" + ISSUER + ";\" \" accounturi=" + hashedAccountUri(owner, p1) + "\"");

        Order order = owner.newOrder().domain(p1).create();
        Challenge persist = persistChallenge(order.getAuthorizations().get(0));
        assertThat(persist.getJSON().toMap()).containsKey("issuerDomainNames").doesNotContainKey("token")
                .doesNotContainKey("issuer-domain-names");
        assertThat(persist.getJSON().get("issuerDomainNames").asArray().get(0).asString()).isEqualTo(ISSUER);
        persist.trigger();
        assertThat(persist.waitForCompletion(WAIT)).as("%s", persist.getError()).isEqualTo(Status.VALID);
        assertIssued(order, p1);

        // Another account: the record names the owner's account.
        Order stranger = account().newOrder().domain(p1).create();
        assertRefused(persistChallenge(stranger.getAuthorizations().get(0)), "has accounturi " + hashedAccountUri(owner, p1)
                + ", which is not this account's hashed URI");

        // persistUntil in the past.
        String p2 = "p2." + KnotDns.ZONE;
        stack.dns.updateTxt(stack.workspace, "add", "_validation-persist." + p2,
                "\"" + ISSUER + "; accounturi=" + hashedAccountUri(owner, p2) + "; persistUntil=1700000000\"");
        Order expired = owner.newOrder().domain(p2).create();
        assertRefused(persistChallenge(expired.getAuthorizations().get(0)), "expired: its persistUntil=1700000000");

        // A wildcard needs policy=wildcard; with it the wildcard is issued.
        String p3 = "p3." + KnotDns.ZONE;
        stack.dns.updateTxt(stack.workspace, "add", "_validation-persist." + p3,
                "\"" + ISSUER + "; accounturi=" + hashedAccountUri(owner, p3) + "\"");
        Order wildcard = owner.newOrder().domain("*." + p3).create();
        assertRefused(persistChallenge(wildcard.getAuthorizations().get(0)), "a wildcard needs policy=wildcard");
        String p4 = "p4." + KnotDns.ZONE;
        stack.dns.updateTxt(stack.workspace, "add", "_validation-persist." + p4,
                "\"" + ISSUER + "; accounturi=" + hashedAccountUri(owner, p4) + "; policy=Wildcard; persistUntil=4102444800\"");
        Order allowed = owner.newOrder().domain("*." + p4).create();
        Challenge ok = persistChallenge(allowed.getAuthorizations().get(0));
        ok.trigger();
        assertThat(ok.waitForCompletion(WAIT)).as("%s", ok.getError()).isEqualTo(Status.VALID);
        assertIssued(allowed, "*." + p4);
    }

    @Test
    void aStandingDnsPersistRecordMakesNewOrdersReadyWithoutAnyChallengeAnswered() throws Exception {
        Login owner = account();
        String p5 = "p5." + KnotDns.ZONE;
        // The domain-omitted form (domain_name "*", draft-ietf-acme-dns-persist-02 §4.1), reusable across names.
        stack.dns.updateTxt(stack.workspace, "add", "_validation-persist." + p5,
                "\"" + ISSUER + "; accounturi=" + hashedAccountUri(owner, HashedAccountUri.ANY_DOMAIN) + "\"");

        // Just-in-time validation: the order is ready as created, as for a client that knows only dns-01.
        Order order = owner.newOrder().domain(p5).create();
        assertThat(order.getStatus()).isEqualTo(Status.READY);
        assertThat(order.getAuthorizations().get(0).getStatus()).isEqualTo(Status.VALID);
        assertIssued(order, p5);

        // Without a record the order is pending as usual, with no error on the untouched challenge.
        Order pending = owner.newOrder().domain("p6." + KnotDns.ZONE).create();
        assertThat(pending.getStatus()).isEqualTo(Status.PENDING);
        Challenge untouched = persistChallenge(pending.getAuthorizations().get(0));
        assertThat(untouched.getStatus()).isEqualTo(Status.PENDING);
        assertThat(untouched.getError()).isEmpty();
    }

    @Test
    void theDirectoryAdvertisesIssuerDomainNamesAndTheAccountHashPrefix() throws Exception {
        var meta = session().getMetadata().getJSON();
        assertThat(meta.get("issuerDomainNames").asArray().get(0).asString()).isEqualTo(ISSUER);
        assertThat(meta.get("accountHashPrefix").asString()).endsWith("/acme/" + PROVISIONER + "/account-hash/");
        assertThat(meta.get("caaIdentities").asArray().get(0).asString()).isEqualTo(ISSUER);
    }

    /**
     * The account's hashed URI (draft-ietf-acme-dns-persist-02 §4.1 item 3) as a client computes it:
     * the directory's accountHashPrefix, the account key's JWK thumbprint, the account URL.
     */
    private static String hashedAccountUri(Login login, String domain) throws Exception {
        String prefix = login.getSession().getMetadata().getJSON().get("accountHashPrefix").asString();
        String thumbprint = AcmeUtils.base64UrlEncode(JoseUtils.thumbprint(login.getKeyPair().getPublic()));
        return HashedAccountUri.of(prefix, domain, thumbprint, login.getAccountLocation().toString());
    }

    private static Challenge persistChallenge(Authorization authz) {
        return authz.findChallenge("dns-persist-01").orElseThrow();
    }

    private static void assertRefused(Challenge c, String why) throws Exception {
        c.trigger();
        assertThat(c.waitForCompletion(WAIT)).isEqualTo(Status.INVALID);
        assertThat(c.getError().orElseThrow().getType().toString()).isEqualTo("urn:ietf:params:acme:error:unauthorized");
        assertThat(c.getError().orElseThrow().getDetail().orElse("")).contains(why);
    }

    private static void assertIssued(Order order, String name) throws Exception {
        assertThat(order.waitUntilReady(WAIT)).isEqualTo(Status.READY);
        order.execute(KeyPairUtils.createECKeyPair("secp256r1"));
        assertThat(order.waitForCompletion(WAIT)).as("order error %s", order.getError()).isEqualTo(Status.VALID);
        X509Certificate leaf = order.getCertificate().getCertificate();
        assertThat(CertificateChecks.dnsNames(leaf)).containsExactly(name);
    }

    private static Login account() throws Exception {
        return new AccountBuilder().agreeToTermsOfService().useKeyPair(KeyPairUtils.createECKeyPair("secp256r1"))
                .createLogin(session());
    }

    private static Session session() throws Exception {
        URI directory = URI.create(stack.server.directory().toString().replace("/acme/acme/", "/acme/" + PROVISIONER + "/"));
        SSLContext trust = trusting();
        Session s = new Session(directory, new GenericAcmeProvider() {
            @Override
            public HttpClient createHttpClient(NetworkSettings settings) {
                return HttpClient.newBuilder().sslContext(trust).connectTimeout(settings.getTimeout()).build();
            }
        });
        s.networkSettings().setTimeout(Duration.ofSeconds(20));
        return s;
    }

    private static SSLContext trusting() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        try (InputStream in = Files.newInputStream(stack.server.tlsTrust())) {
            store.setCertificateEntry("root", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }
}
