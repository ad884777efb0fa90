package dev.stile.server.http.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stile.server.http.admin.linkedca.LinkedcaProvisioners;
import dev.stile.acme.model.ChallengeType;
import dev.stile.acme.model.Identifier;
import dev.stile.acme.problem.AcmeProblem;
import dev.stile.acme.validation.ChallengeValidator;
import dev.stile.acme.validation.ValidationOutcome;
import dev.stile.acme.validation.ValidationTarget;
import dev.stile.server.App;
import dev.stile.authority.IssueRequest;
import dev.stile.authority.ProvisionerIdentity;
import dev.stile.authority.SubjectAlternativeNames;
import dev.stile.server.config.ConfigLoader;
import dev.stile.server.testsupport.TestCa;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static dev.stile.server.http.admin.AdminTestCa.json;
import static org.assertj.core.api.Assertions.assertThat;

/** Every /admin route with step-ca's admin-token authentication, plus /ready and the ops listener. */
class AdminApiIT {

    @TempDir
    static Path dir;
    static AdminTestCa ca;

    @BeforeAll
    static void start() throws Exception {
        ca = AdminTestCa.start(dir, "{\"type\": \"ACME\", \"name\": \"acme-eab\", \"requireEAB\": true},",
                ", \"ops\": {\"address\": \"127.0.0.1:0\", \"renewalWindow\": \"8h\"}, \"retention\": {\"interval\": \"1h\"}");
    }

    @AfterAll
    static void stop() {
        if (ca != null) {
            ca.stop();
        }
    }

    @Test
    void probesAndMetricsOnTheOpsListenerAndReadyOnTheMainOne() throws Exception {
        assertThat(ca.ops("/health").statusCode()).isEqualTo(200);
        HttpResponse<String> ready = ca.ops("/ready");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).contains("\"status\":\"ok\"");
        HttpResponse<String> main = ca.https.send(HttpRequest.newBuilder(
                URI.create("https://localhost:" + ca.app.port() + "/ready")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(main.statusCode()).isEqualTo(200);
        String metrics = ca.ops("/metrics").body();
        assertThat(metrics).contains("stile_certificates_issued_total{", "key_type=\"EC-P256\"", "profile=\"default\"", "provisioner=\"admin-jwk\"",
                "stile_certificates_active ", "stile_renewal_gaps ", "jvm_memory_used_bytes", "hikaricp_connections");
    }

    @Test
    void refusesRequestsWithoutAGoodToken() throws Exception {
        String path = "/admin/admins";
        assertThat(ca.root.sendWith("GET", path, null, null).statusCode()).isEqualTo(401);
        assertThat(json(ca.root.sendWith("GET", path, null, null)).get("status").asInt()).isEqualTo(401);
        assertThat(ca.root.sendWith("GET", path, null, "not-a-jwt").statusCode()).isEqualTo(401);
        // Audience naming another route, or another host.
        assertThat(ca.root.sendWith("GET", path, null, ca.root.token("/admin/certificates")).statusCode()).isEqualTo(401);
        assertThat(ca.root.sendWith("GET", path, null, ca.root.token(path, "https://evil.example" + path, 300,
                UUID.randomUUID().toString())).statusCode()).isEqualTo(401);
        // The bare path is an accepted audience.
        assertThat(ca.root.sendWith("GET", path, null, ca.root.token(path, path, 300, UUID.randomUUID().toString()))
                .statusCode()).isEqualTo(200);
        // Replay of the same jti.
        String once = ca.root.token(path);
        assertThat(ca.root.sendWith("GET", path, null, once).statusCode()).isEqualTo(200);
        assertThat(ca.root.sendWith("GET", path, null, once).statusCode()).isEqualTo(401);
        // Lifetime over 5 minutes, and expired.
        assertThat(ca.root.sendWith("GET", path, null, ca.root.token(path, "https://localhost" + path, 3600,
                UUID.randomUUID().toString())).statusCode()).isEqualTo(401);
        String expired = ca.root.token(path);
        ca.clock.advance(Duration.ofMinutes(7));
        try {
            assertThat(ca.root.sendWith("GET", path, null, expired).statusCode()).isEqualTo(401);
        } finally {
            ca.clock.advance(Duration.ofMinutes(-7));
        }
        // Signed by a key that is not the certificate's.
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair other = g.generateKeyPair();
        AdminClient forged = ca.root.withChain(ca.root.chain(), other.getPrivate());
        assertThat(forged.send("GET", path, null).statusCode()).isEqualTo(401);
        // A certificate from another CA.
        TestCa foreign = TestCa.create(dir.resolve("foreign"));
        App foreignApp = App.start(ConfigLoader.load(foreign.config()), App.Options.withPassword(TestCa.PASSWORD.toCharArray()));
        try {
            AdminClient stranger = AdminClient.issue(foreignApp, ca.https, ca.clock, "step", "admin-jwk");
            HttpResponse<String> r = ca.https.send(HttpRequest.newBuilder(URI.create("https://localhost:" + ca.app.port() + path))
                    .header("Authorization", stranger.token(path, "https://localhost" + path, 300,
                            UUID.randomUUID().toString())).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(401);
        } finally {
            foreignApp.stop();
        }
        // A certificate of this CA whose name is no admin, and one through the wrong provisioner.
        assertThat(AdminClient.issue(ca.app, ca.https, ca.clock, "mallory", "admin-jwk").send("GET", path, null).statusCode())
                .isEqualTo(401);
        assertThat(AdminClient.issue(ca.app, ca.https, ca.clock, "step", "acme").send("GET", path, null).statusCode())
                .isEqualTo(401);
    }

    @Test
    void adminsCrudWithSuperAdminRulesAndPagination() throws Exception {
        JsonNode list = json(ca.root.send("GET", "/admin/admins", null));
        JsonNode bootstrap = list.get("admins").get(0);
        assertThat(bootstrap.get("subject").asText()).isEqualTo("step");
        assertThat(bootstrap.get("type").asInt()).isEqualTo(2);
        // step 0.19 (`step beta ca admin list`) resolves provisioner_id through /admin/provisioners?id=.
        String provisionerId = bootstrap.get("provisioner_id").asText();
        assertThat(provisionerId).isEqualTo(LinkedcaProvisioners.idOf("admin-jwk"));
        HttpResponse<String> byId = ca.root.send("GET", "/admin/provisioners/id?id=" + provisionerId, null);
        assertThat(byId.statusCode()).isEqualTo(200);
        assertThat(json(byId).get("name").asText()).isEqualTo("admin-jwk");
        assertThat(bootstrap.get("created_at").get("seconds").asLong()).isPositive();

        HttpResponse<String> created = ca.root.send("POST", "/admin/admins",
                "{\"subject\":\"alice@example.com\",\"provisioner\":\"admin-jwk\",\"type\":1}");
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode alice = json(created);
        assertThat(alice.get("type").asText()).isEqualTo("ADMIN");
        assertThat(alice.get("provisionerId").asText()).isEqualTo(provisionerId);
        String aliceId = alice.get("id").asText();
        assertThat(ca.root.send("POST", "/admin/admins",
                "{\"subject\":\"alice@example.com\",\"provisioner\":\"admin-jwk\",\"type\":1}").statusCode()).isEqualTo(409);
        assertThat(ca.root.send("POST", "/admin/admins", "{\"subject\":\"x\",\"provisioner\":\"nope\",\"type\":1}")
                .statusCode()).isEqualTo(400);
        assertThat(ca.root.send("POST", "/admin/admins", "{\"subject\":\"x\",\"provisioner\":\"admin-jwk\",\"type\":7}")
                .statusCode()).isEqualTo(400);
        assertThat(json(ca.root.send("GET", "/admin/admins/" + aliceId, null)).get("subject").asText())
                .isEqualTo("alice@example.com");
        assertThat(ca.root.send("GET", "/admin/admins/nope", null).statusCode()).isEqualTo(404);

        AdminClient aliceClient = AdminClient.issue(ca.app, ca.https, ca.clock, "alice@example.com", "admin-jwk");
        assertThat(aliceClient.send("GET", "/admin/admins", null).statusCode()).isEqualTo(200);
        assertThat(aliceClient.send("POST", "/admin/admins",
                "{\"subject\":\"bob\",\"provisioner\":\"admin-jwk\",\"type\":2}").statusCode()).isEqualTo(403);
        assertThat(aliceClient.send("DELETE", "/admin/admins/" + aliceId, null).statusCode()).isEqualTo(403);

        HttpResponse<String> promoted = ca.root.send("PATCH", "/admin/admins/" + aliceId, "{\"type\":2}");
        assertThat(promoted.statusCode()).isEqualTo(200);
        assertThat(json(promoted).get("type").asText()).isEqualTo("SUPER_ADMIN");
        assertThat(ca.root.send("DELETE", "/admin/admins/" + aliceId, null).statusCode()).isEqualTo(200);
        assertThat(ca.root.send("DELETE", "/admin/admins/" + bootstrap.get("id").asText(), null).statusCode()).isEqualTo(400);

        for (int i = 0; i < 5; i++) {
            ca.root.send("POST", "/admin/admins", "{\"subject\":\"p" + i + "\",\"provisioner\":\"admin-jwk\",\"type\":1}");
        }
        Set<String> seen = new HashSet<>();
        String cursor = "";
        int pages = 0;
        do {
            JsonNode page = json(ca.root.send("GET", "/admin/admins?limit=2&cursor=" + cursor, null));
            page.get("admins").forEach(a -> seen.add(a.get("id").asText()));
            assertThat(page.get("admins").size()).isLessThanOrEqualTo(2);
            cursor = page.get("nextCursor").asText();
            pages++;
        } while (!cursor.isEmpty());
        assertThat(seen).hasSize(6);
        assertThat(pages).isEqualTo(3);
        assertThat(ca.root.send("GET", "/admin/admins?limit=abc", null).statusCode()).isEqualTo(400);
    }

    private static String issue(String name, Duration lifetime) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return ca.app.authority().issue(new IssueRequest(g.generateKeyPair().getPublic(), name,
                SubjectAlternativeNames.classify(List.of(name)), null, ca.clock.instant().plus(lifetime), null,
                new ProvisionerIdentity("acme", "ACME", ""), "test")).serialHex();
    }

    @Test
    void certificatesFilterPageAndRevoke() throws Exception {
        List<String> serials = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            serials.add(issue("inv" + i + ".example", Duration.ofHours(24)));
        }
        JsonNode one = json(ca.root.send("GET", "/admin/certificates?name=inv3.example", null));
        assertThat(one.get("certificates")).hasSize(1);
        assertThat(one.get("certificates").get(0).get("serial").asText()).isEqualTo(serials.get(3));
        assertThat(one.get("certificates").get(0).get("status").asText()).isEqualTo("active");
        assertThat(json(ca.root.send("GET", "/admin/certificates?serial=00" + serials.get(1).toUpperCase(), null))
                .get("certificates").get(0).get("serial").asText()).isEqualTo(serials.get(1));
        // The decimal serial step and `stile ca` print finds the same certificate.
        String decimal = new java.math.BigInteger(serials.get(1), 16).toString();
        JsonNode byDecimal = json(ca.root.send("GET", "/admin/certificates?serial=" + decimal, null));
        assertThat(byDecimal.get("certificates").get(0).get("serial").asText()).isEqualTo(serials.get(1));
        assertThat(byDecimal.get("certificates").get(0).get("serialDecimal").asText()).isEqualTo(decimal);
        assertThat(ca.root.send("GET", "/admin/certificates?serial=xyz", null).statusCode()).isEqualTo(400);

        Set<String> seen = new HashSet<>();
        String cursor = "";
        do {
            JsonNode page = json(ca.root.send("GET", "/admin/certificates?provisioner=acme&limit=2&cursor=" + cursor, null));
            page.get("certificates").forEach(c -> seen.add(c.get("serial").asText()));
            cursor = page.get("nextCursor").asText();
        } while (!cursor.isEmpty());
        assertThat(seen).containsAll(serials);
        assertThat(ca.root.send("GET", "/admin/certificates?cursor=garbage", null).statusCode()).isEqualTo(400);
        assertThat(ca.root.send("GET", "/admin/certificates?status=sleepy", null).statusCode()).isEqualTo(400);
        assertThat(json(ca.root.send("GET", "/admin/certificates?provisioner=acme&expiringBefore=1h", null))
                .get("certificates")).isEmpty();

        HttpResponse<String> revoked = ca.root.send("POST", "/admin/certificates/" + serials.get(2) + "/revoke",
                "{\"reason\":\"keyCompromise\"}");
        assertThat(revoked.statusCode()).isEqualTo(200);
        assertThat(json(revoked).get("status").asText()).isEqualTo("revoked");
        assertThat(json(ca.root.send("GET", "/admin/certificates?status=revoked&provisioner=acme", null))
                .get("certificates")).extracting(c -> c.get("serial").asText()).contains(serials.get(2));
        assertThat(ca.root.send("POST", "/admin/certificates/" + serials.get(2) + "/revoke", null).statusCode())
                .isEqualTo(400);
        assertThat(ca.root.send("POST", "/admin/certificates/abcdef123/revoke", null).statusCode()).isEqualTo(404);
        assertThat(ca.root.send("POST", "/admin/certificates/" + serials.get(0) + "/revoke", "{\"reason\":\"bored\"}")
                .statusCode()).isEqualTo(400);
    }

    @Test
    void eabKeysAreMintedListedAndDeletedPerProvisioner() throws Exception {
        String base = "/admin/acme/eab/acme-eab";
        HttpResponse<String> created = ca.root.send("POST", base, "{\"reference\":\"host1\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode key = json(created);
        byte[] hmac = java.util.Base64.getDecoder().decode(key.get("hmacKey").asText());
        assertThat(hmac).hasSize(32);
        assertThat(key.get("reference").asText()).isEqualTo("host1");
        // The ACME side finds the same key.
        assertThat(ca.app.acme().stores().eabKeys().find(key.get("id").asText()))
                .hasValueSatisfying(k -> assertThat(k.hmacKey()).isEqualTo(hmac));
        // At rest it is encrypted: the database holds neither the key nor its base64.
        String stored = ca.app.database().withConnection(c -> {
            try (var ps = c.prepareStatement("SELECT hmac_key FROM acme_eab_keys WHERE key_id = ?")) {
                ps.setString(1, key.get("id").asText());
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            }
        });
        assertThat(stored).startsWith("enc:v1:").doesNotContain(key.get("hmacKey").asText());
        assertThat(ca.root.send("POST", base, "{\"reference\":\"host1\"}").statusCode()).isEqualTo(409);
        assertThat(ca.root.send("POST", base, "{\"reference\":\"" + "r".repeat(257) + "\"}").statusCode()).isEqualTo(400);
        for (int i = 0; i < 3; i++) {
            assertThat(ca.root.send("POST", base, "{\"reference\":\"more" + i + "\"}").statusCode()).isEqualTo(201);
        }
        List<String> ids = new ArrayList<>();
        String cursor = "";
        do {
            JsonNode page = json(ca.root.send("GET", base + "?limit=2&cursor=" + cursor, null));
            page.get("eaks").forEach(k -> {
                ids.add(k.get("id").asText());
                assertThat(k.has("hmac_key")).isFalse();
                assertThat(k.get("created_at").get("seconds").asLong()).isPositive();
            });
            cursor = page.get("nextCursor").asText();
        } while (!cursor.isEmpty());
        assertThat(ids).hasSize(4).doesNotHaveDuplicates().contains(key.get("id").asText());
        assertThat(json(ca.root.send("GET", base + "/host1", null)).get("eaks")).hasSize(1);

        assertThat(ca.root.send("POST", "/admin/acme/eab/acme", "{}").statusCode()).isEqualTo(400);
        assertThat(ca.root.send("GET", "/admin/acme/eab/nope", null).statusCode()).isEqualTo(404);
        assertThat(ca.root.send("DELETE", base + "/" + key.get("id").asText(), null).statusCode()).isEqualTo(200);
        assertThat(ca.root.send("DELETE", base + "/" + key.get("id").asText(), null).statusCode()).isEqualTo(404);
        assertThat(ca.root.sendWith("POST", base, "{}", null).statusCode()).isEqualTo(401);
    }

    @Test
    void ordersAreListedNewestFirstWithFiltersAndPages() throws Exception {
        ca.app.database().withConnection(c -> {
            for (int i = 0; i < 5; i++) {
                try (var ps = c.prepareStatement("INSERT INTO acme_orders (id, account_id, provisioner, status, "
                        + "identifiers, expires_at, error, created_at) VALUES (?, 'acct1', 'acme', ?, ?, ?, ?, ?)")) {
                    ps.setString(1, "order" + i);
                    ps.setString(2, i == 4 ? "invalid" : "valid");
                    ps.setString(3, "[{\"type\":\"dns\",\"value\":\"o" + i + ".example\"}]");
                    ps.setObject(4, java.time.OffsetDateTime.now().plusDays(1));
                    ps.setString(5, i == 4 ? "{\"type\":\"urn:ietf:params:acme:error:dns\"}" : null);
                    ps.setObject(6, java.time.OffsetDateTime.now());
                    ps.executeUpdate();
                }
            }
            return null;
        });
        List<String> ids = new ArrayList<>();
        String cursor = "";
        do {
            JsonNode page = json(ca.root.send("GET", "/admin/orders?limit=2&cursor=" + cursor, null));
            page.get("orders").forEach(o -> ids.add(o.get("id").asText()));
            cursor = page.get("nextCursor").asText();
        } while (!cursor.isEmpty());
        assertThat(ids).containsExactly("order4", "order3", "order2", "order1", "order0");
        JsonNode invalid = json(ca.root.send("GET", "/admin/orders?status=invalid", null)).get("orders");
        assertThat(invalid).hasSize(1);
        assertThat(invalid.get(0).get("error").get("type").asText()).endsWith(":dns");
        assertThat(invalid.get(0).get("identifiers").get(0).get("value").asText()).isEqualTo("o4.example");
        assertThat(ca.root.send("GET", "/admin/orders?cursor=x", null).statusCode()).isEqualTo(400);
    }

    @Test
    void renewalGapReportAndMetricFlagAStoppedNameUntilItIsRenewed() throws Exception {
        issue("stopped.example", Duration.ofHours(2));
        issue("steady.example", Duration.ofHours(24));
        JsonNode gaps = json(ca.root.send("GET", "/admin/renewal-gaps?within=8h", null));
        assertThat(gaps.get("gaps")).extracting(g -> g.get("name").asText())
                .contains("stopped.example").doesNotContain("steady.example");
        ca.clock.advance(Duration.ofSeconds(31));
        double before = gauge("stile_renewal_gaps");
        assertThat(before).isGreaterThanOrEqualTo(1);

        issue("stopped.example", Duration.ofHours(24));
        assertThat(json(ca.root.send("GET", "/admin/renewal-gaps?within=8h", null)).get("gaps"))
                .extracting(g -> g.get("name").asText()).doesNotContain("stopped.example");
        ca.clock.advance(Duration.ofSeconds(31));
        assertThat(gauge("stile_renewal_gaps")).isEqualTo(before - 1);
        assertThat(ca.root.send("GET", "/admin/renewal-gaps?within=soon", null).statusCode()).isEqualTo(400);
    }

    private static double gauge(String name) throws Exception {
        for (String line : ca.ops("/metrics").body().split("\n")) {
            if (line.startsWith(name + " ")) {
                return Double.parseDouble(line.substring(name.length() + 1).trim());
            }
        }
        throw new AssertionError(name + " not in /metrics");
    }

    @Test
    void validationFailuresAreListedWithTheirProblemAndCounted() throws Exception {
        ChallengeValidator failing = new ChallengeValidator() {
            @Override
            public ChallengeType type() {
                return ChallengeType.DNS_01;
            }

            @Override
            public ValidationOutcome validate(ValidationTarget target) {
                return ValidationOutcome.invalid(AcmeProblem.DNS.withDetail("no TXT record at _acme-challenge."
                        + target.identifier().value()), List.of());
            }
        };
        // The ACME server reports every attempt through AcmeEvents (ReportingValidator).
        dev.stile.acme.port.AcmeEvents events = ca.app.ops().acmeEvents(dev.stile.acme.port.AcmeEvents.NONE);
        events.validationAttempted(ChallengeType.HTTP_01,
                new ValidationTarget(new Identifier("dns", "h.example"), "tok", "tok.thumb", null),
                ValidationOutcome.transientFailure(AcmeProblem.CONNECTION.withDetail("connection refused"), List.of()),
                Duration.ofMillis(12));
        JsonNode all = json(ca.root.send("GET", "/admin/validation-failures", null)).get("failures");
        assertThat(all.get(0).get("identifier").asText()).isEqualTo("h.example");
        assertThat(all.get(0).get("outcome").asText()).isEqualTo("connection");
        assertThat(all.get(0).get("final").asBoolean()).isFalse();
        for (int i = 0; i < 3; i++) {
            ValidationTarget target = new ValidationTarget(new Identifier("dns", "f" + i + ".example"), "tok", "tok.thumb", null);
            events.validationAttempted(ChallengeType.DNS_01, target, failing.validate(target), Duration.ofMillis(5));
        }
        JsonNode page = json(ca.root.send("GET", "/admin/validation-failures?limit=2", null));
        assertThat(page.get("failures")).hasSize(2);
        JsonNode newest = page.get("failures").get(0);
        assertThat(newest.get("identifier").asText()).isEqualTo("f2.example");
        assertThat(newest.get("outcome").asText()).isEqualTo("dns");
        assertThat(newest.get("problem").get("type").asText()).isEqualTo("urn:ietf:params:acme:error:dns");
        JsonNode rest = json(ca.root.send("GET", "/admin/validation-failures?limit=2&cursor="
                + page.get("nextCursor").asText(), null));
        assertThat(rest.get("failures")).hasSize(2);
        assertThat(ca.ops("/metrics").body())
                .containsPattern("stile_validations_total\\{challenge=\"dns-01\",final=\"true\",outcome=\"dns\"} 3")
                .contains("stile_validation_duration_seconds_bucket");
    }
}
