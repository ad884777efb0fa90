package dev.stile.server.http.acme;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.shredzone.acme4j.Account;
import org.shredzone.acme4j.Status;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code stile admin} against a fresh CA, as an operator types it: login with the provisioner's
 * password, every inventory and management command (tables and --json), console-url, the session
 * rules behind the console (single-use links, CSRF, rate-limited password form), logout.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminCliIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String D = AcmeTestServer.DOMAIN;

    @TempDir
    static Path dir;
    static AdminConsoleCa ca;
    static X509Certificate issued;

    @BeforeAll
    static void start() throws Exception {
        ca = AdminConsoleCa.start(dir);
        issued = ca.issueViaAcme("www." + D);
        ca.failDns01("d." + D);
    }

    @AfterAll
    static void stop() throws Exception {
        if (ca != null) {
            ca.close();
        }
    }

    private static AdminConsoleCa.Run ok(String... args) {
        AdminConsoleCa.Run run = ca.stile(args);
        assertThat(run.exit()).as("stile %s: %s", String.join(" ", args), run.err()).isZero();
        return run;
    }

    private static JsonNode json(String... args) throws Exception {
        return JSON.readTree(ok(args).out());
    }

    @Test
    @Order(1)
    void loginRefusesAWrongPasswordThenStoresASessionOnlyTheOwnerCanRead() throws Exception {
        Path wrong = dir.resolve("wrong");
        Files.writeString(wrong, "nope\n");
        AdminConsoleCa.Run refused = ca.stile("admin", "login", "--ca-url", ca.caUrl(), "--root",
                ca.server.rootFile().toString(), "--provisioner", AdminConsoleCa.PROVISIONER, "--password-file", wrong.toString());
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).startsWith("stile: ").contains("wrong password").doesNotContain("Exception");

        AdminConsoleCa.Run notYet = ca.stile("admin", "certificates");
        assertThat(notYet.exit()).isEqualTo(2);
        assertThat(notYet.err()).contains("not logged in: run 'stile admin login");

        AdminConsoleCa.Run login = ok("admin", "login", "--ca-url", ca.caUrl(), "--root", ca.server.rootFile().toString(),
                "--provisioner", AdminConsoleCa.PROVISIONER, "--password-file", ca.passwordFile.toString());
        assertThat(login.out()).startsWith("Logged in to " + ca.caUrl() + " as step (SUPER_ADMIN) until ");
        Path session = ca.clientHome.resolve("admin/session.json");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(session))).isEqualTo("rw-------");
    }

    @Test
    @Order(2)
    void certificatesAreFoundByNameDecimalAndHexSerialThenRevoked() throws Exception {
        String decimal = issued.getSerialNumber().toString();
        String hex = issued.getSerialNumber().toString(16);
        AdminConsoleCa.Run table = ok("admin", "certificates", "--name", "www." + D);
        assertThat(table.out()).startsWith("SERIAL").contains(decimal, "www." + D, "active", "acme");
        assertThat(json("admin", "certificates", "--serial", decimal, "--json").get("certificates").get(0)
                .get("serial").asText()).isEqualTo(hex);
        assertThat(json("admin", "certificates", "--serial", hex.toUpperCase(), "--json").get("certificates").get(0)
                .get("serialDecimal").asText()).isEqualTo(decimal);

        AdminConsoleCa.Run detail = ok("admin", "certificate", decimal);
        assertThat(detail.out()).contains("acme account", "acme order", "ARI window", "www." + D);

        AdminConsoleCa.Run revoked = ok("admin", "revoke", decimal, "--reason", "superseded");
        assertThat(revoked.out()).startsWith("Revoked certificate " + decimal).contains("superseded");
        assertThat(ca.server.crl().getRevokedCertificate(issued.getSerialNumber())).isNotNull();
        assertThat(ok("admin", "certificates", "--status", "revoked").out()).contains(decimal);
    }

    @Test
    @Order(3)
    void failuresGapsAndOrdersShowWhatHappened() throws Exception {
        AdminConsoleCa.Run failures = ok("admin", "validation-failures");
        assertThat(failures.out()).contains("d." + D, "dns-01", "dns");
        JsonNode f = json("admin", "validation-failures", "--json").get("failures").get(0);
        assertThat(f.get("problem").get("detail").asText()).contains("_acme-challenge.d." + D);
        assertThat(ok("admin", "orders", "--status", "invalid").out()).contains("d." + D, "invalid");
        assertThat(ok("admin", "renewal-gaps", "--within", "48h").out()).startsWith("NAME").contains("www." + D);
    }

    @Test
    @Order(4)
    void eabKeysAreCreatedShownOnceAndBindAnAcmeAccount() throws Exception {
        JsonNode key = json("admin", "eab", "create", "eab", "--reference", "cluster-1", "--json");
        Account account = ca.accountWithEab(key.get("id").asText(), key.get("hmacKey").asText());
        assertThat(account.getStatus()).isEqualTo(Status.VALID);
        AdminConsoleCa.Run list = ok("admin", "eab", "list", "eab");
        assertThat(list.out()).contains(key.get("id").asText(), "cluster-1").doesNotContain(key.get("hmacKey").asText());
        ok("admin", "eab", "revoke", "eab", key.get("id").asText());
        assertThat(ok("admin", "eab", "list", "eab").out()).doesNotContain(key.get("id").asText());
    }

    @Test
    @Order(5)
    void provisionersAdminsPolicyAndSessionsAreManaged() throws Exception {
        Path acme2 = dir.resolve("acme2.json");
        Files.writeString(acme2, "{\"type\": \"ACME\", \"name\": \"acme2\"}");
        assertThat(ok("admin", "provisioners", "add", "--file", acme2.toString()).out()).contains("Added provisioner acme2");
        Files.writeString(acme2, "{\"type\": \"ACME\", \"name\": \"acme2\", \"forceCN\": true}");
        ok("admin", "provisioners", "update", "acme2", "--file", acme2.toString());
        assertThat(ok("admin", "provisioners", "list").out()).contains("acme2", AdminConsoleCa.PROVISIONER);
        ok("admin", "provisioners", "remove", "acme2");
        assertThat(ok("admin", "provisioners", "list").out()).doesNotContain("acme2");

        JsonNode alice = json("admin", "admins", "add", "alice@" + D, AdminConsoleCa.PROVISIONER, "--json");
        assertThat(ok("admin", "admins", "list").out()).contains("alice@" + D, AdminConsoleCa.PROVISIONER, "SUPER_ADMIN");
        ok("admin", "admins", "remove", alice.get("id").asText());
        assertThat(ok("admin", "admins", "list").out()).doesNotContain("alice@");

        Path policy = dir.resolve("policy.json");
        Files.writeString(policy, "{\"x509\": {\"allow\": {\"dns\": [\"*." + D + "\"]}}}");
        ok("admin", "policy", "set", "--file", policy.toString());
        assertThat(ok("admin", "policy", "get").out()).contains("*." + D);
        ok("admin", "policy", "remove");

        assertThat(ok("admin", "sessions", "list").out()).contains("cli", "(this one)");
        AdminConsoleCa.Run badFile = ca.stile("admin", "provisioners", "add", "--file", dir.resolve("missing.json").toString());
        assertThat(badFile.exit()).isEqualTo(2);
        assertThat(badFile.err()).startsWith("stile: cannot read --file");
    }

    @Test
    @Order(6)
    void consoleLinksWorkOnceCookiesNeedCsrfAndPasswordGuessingIsLimited() throws Exception {
        HttpClient http = ca.server.http();
        String url = ca.consoleUrl();
        HttpResponse<String> first = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(first.statusCode()).isEqualTo(200);
        String cookie = first.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith("__Host-stile-admin=stile_console_").contains("HttpOnly", "Secure", "SameSite=Strict", "Path=/");
        HttpResponse<String> again = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(again.statusCode()).isEqualTo(401);
        assertThat(again.body()).contains("already used, has expired");

        String session = cookie.substring(0, cookie.indexOf(';'));
        JsonNode who = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(ca.caUrl() + "/admin/whoami"))
                .header("Cookie", session).build(), HttpResponse.BodyHandlers.ofString()).body());
        assertThat(who.get("subject").asText()).isEqualTo("step");
        HttpRequest.Builder change = HttpRequest.newBuilder(URI.create(ca.caUrl() + "/admin/admins"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"subject\":\"bob\",\"provisioner\":\"" + AdminConsoleCa.PROVISIONER + "\"}"))
                .header("Cookie", session);
        assertThat(http.send(change.build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
        assertThat(http.send(change.header("X-CSRF-Token", who.get("csrfToken").asText()).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(201);

        // The password form: wrong passwords answer 401 until the fifth, then 429 even for the right one.
        for (int i = 0; i < 5; i++) {
            assertThat(passwordLogin(http, "wrong-" + i).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> limited = passwordLogin(http, AdminConsoleCa.PASSWORD);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.body()).contains("Too many failed sign-ins from");
    }

    private static HttpResponse<String> passwordLogin(HttpClient http, String password) throws Exception {
        String form = "subject=step&provisioner=" + URLEncoder.encode(AdminConsoleCa.PROVISIONER, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        return http.send(HttpRequest.newBuilder(URI.create(ca.caUrl() + "/admin/console/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @Order(7)
    void logoutRevokesTheSessionOnTheCa() throws Exception {
        String token = JSON.readTree(Files.readString(ca.clientHome.resolve("admin/session.json"))).get("token").asText();
        AdminConsoleCa.Run logout = ok("admin", "logout");
        assertThat(logout.out()).startsWith("Logged out; the session is revoked");
        HttpResponse<String> stale = ca.server.http().send(HttpRequest.newBuilder(URI.create(ca.caUrl() + "/admin/certificates"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(stale.statusCode()).isEqualTo(401);
        assertThat(ca.stile("admin", "certificates").err()).contains("not logged in");
    }
}
