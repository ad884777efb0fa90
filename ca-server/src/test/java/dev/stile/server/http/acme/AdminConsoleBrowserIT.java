package dev.stile.server.http.acme;

import dev.stile.db.inventory.JdbcRenewalTracker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import dev.stile.admin.inventory.RenewalTracker;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.shredzone.acme4j.Account;
import org.shredzone.acme4j.Status;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin console in a real browser (Debian's chromium, headless): sign in through the URL of
 * {@code stile admin console-url}, find a certificate issued in the test on the dashboard and in
 * the inventory by decimal and hex serial, revoke it (CRL changes), see a failed dns-01 with its
 * cause, create an EAB key and bind an acme4j account with it, refuse reused and expired links and
 * a state change without the CSRF token, sign out. Screenshots go to target/console-screenshots.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminConsoleBrowserIT {

    private static final String D = AcmeTestServer.DOMAIN;
    static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

    @TempDir
    static Path dir;
    static AdminConsoleCa ca;
    static HeadlessChromium browser;
    static X509Certificate issued;

    @BeforeAll
    static void start() throws Exception {
        browser = HeadlessChromium.start(dir.resolve("chromium-profile"), SCREENSHOTS);
        ca = AdminConsoleCa.start(dir);
        issued = ca.issueViaAcme("www." + D);
        X509Certificate api = ca.issueViaAcme("api." + D);
        ca.failDns01("d." + D);
        // A name whose renewals stopped: its newest certificate, issued 23 h ago for 24 h, is past
        // its ARI window with nothing newer (as cert-manager would leave it after it broke).
        Instant now = Instant.now();
        new JdbcRenewalTracker(ca.server.app().database()).record(api.getSerialNumber().toString(16),
                List.of("stopped." + D), now.plus(Duration.ofHours(1)), now.minus(Duration.ofHours(23)));
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (ca != null) {
            ca.close();
        }
    }

    private static String text(String css) {
        return browser.driver.findElement(By.cssSelector(css)).getText();
    }

    private static boolean present(String css) {
        return !browser.driver.findElements(By.cssSelector(css)).isEmpty();
    }

    private static void open(String hash, String readyCss) throws Exception {
        browser.driver.get(ca.caUrl() + "/admin/console/#" + hash);
        browser.await(readyCss, () -> present(readyCss));
    }

    @Test
    @Order(1)
    void consoleUrlSignsInAndTheDashboardAnswersTheTwoAmQuestions() throws Exception {
        browser.driver.get(ca.consoleUrl());
        browser.await("the dashboard", () -> present("#tile-active"));
        assertThat(browser.driver.manage().getCookieNamed("__Host-stile-admin").isHttpOnly()).isTrue();
        assertThat(text("#who")).contains("step");
        assertThat(Long.parseLong(text("#tile-active .n"))).isGreaterThanOrEqualTo(2);
        assertThat(text("#dash-failures")).contains("dns", "dns-01", "d." + D, "_acme-challenge.d." + D);
        assertThat(present("#issuance-chart rect")).isTrue();
        assertThat(text("#tile-gaps .n")).isEqualTo("1");
        assertThat(text("#dash-gaps")).contains("stopped." + D).doesNotContain("www." + D);
        assertThat(text("#store-size")).endsWith("tables");
        assertThat(browser.script("return document.getElementById('dash-tables').textContent")).asString()
                .contains("certificates", "admin_sessions");
        browser.size(1280, 1500);
        browser.screenshot("console-dashboard");
        browser.size(390, 844);
        browser.screenshot("console-dashboard-phone");
        // Usable on a phone: nothing wider than the screen except inside scrollable tables.
        assertThat((Long) browser.script("return document.documentElement.scrollWidth")).isLessThanOrEqualTo(390L);
        browser.size(1280, 1000);
    }

    @Test
    @Order(2)
    void theInventoryFindsTheCertificateByDecimalAndHexSerial() throws Exception {
        String decimal = issued.getSerialNumber().toString();
        String hex = issued.getSerialNumber().toString(16);
        open("certificates", "#certificates");
        assertThat(text("#certificates")).contains(hex, "www." + D, "api." + D);
        for (String serial : new String[] {decimal, hex}) {
            WebElement field = browser.driver.findElement(By.name("serial"));
            field.clear();
            field.sendKeys(serial);
            browser.driver.findElement(By.cssSelector("#cert-search button")).click();
            browser.await("one row for " + serial, () -> text("#certificates").contains(hex)
                    && !text("#certificates").contains("api." + D));
        }
        browser.screenshot("console-certificates");
    }

    @Test
    @Order(3)
    void aStateChangeWithoutTheCsrfTokenIsRefused() throws Exception {
        open("dashboard", "#tile-active");
        Object status = browser.asyncScript("const done = arguments[arguments.length - 1];"
                + "fetch('/admin/certificates/' + arguments[0] + '/revoke', {method: 'POST', credentials: 'same-origin'})"
                + ".then(r => done(r.status));", issued.getSerialNumber().toString(16));
        assertThat(((Number) status).intValue()).isEqualTo(403);
        assertThat(ca.server.crl().getRevokedCertificate(issued.getSerialNumber())).isNull();
    }

    @Test
    @Order(4)
    void theDetailShowsTheAcmeOriginAndRevokingChangesTheCrl() throws Exception {
        open("certificate/" + issued.getSerialNumber(), "#serial-decimal");
        assertThat(text("main")).contains("ACME account", "ACME order", "ARI window", "www." + D, "Chain");
        assertThat(text("main .status-active")).isEqualTo("active");
        browser.screenshot("console-certificate");
        browser.driver.findElement(By.id("revoke")).click();
        browser.driver.switchTo().alert().accept();
        browser.await("the revoked notice", () -> present("#revoked-notice"));
        assertThat(text("main .status-revoked")).isEqualTo("revoked");
        // The CRL is regenerated on revocation in the background.
        browser.await("the serial on the CRL", () -> {
            try {
                return ca.server.crl().getRevokedCertificate(issued.getSerialNumber()) != null;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    @Order(5)
    void validationFailuresShowTheCause() throws Exception {
        open("failures", "#failures");
        assertThat(text("#failures")).contains("d." + D, "dns-01", "dns", "_acme-challenge.d." + D);
        browser.screenshot("console-failures");
        open("gaps", "#gaps");
        open("orders", "#orders");
        assertThat(text("#orders")).contains("invalid", "d." + D);
        open("provisioners", "#provisioners");
        assertThat(text("#provisioners")).contains(AdminConsoleCa.PROVISIONER, "eab");
        browser.screenshot("console-provisioners");
        open("admins", "#admins");
        assertThat(text("#admins")).contains("step", AdminConsoleCa.PROVISIONER, "SUPER_ADMIN");
        open("policy", "#policy-json");
    }

    @Test
    @Order(6)
    void anEabKeyCreatedInTheConsoleBindsAnAcme4jAccount() throws Exception {
        open("eab/eab", "#eab-create");
        browser.driver.findElement(By.id("eab-reference")).sendKeys("browser");
        browser.driver.findElement(By.id("eab-create")).click();
        browser.await("the new key", () -> present("#eab-hmac"));
        String kid = text("#eab-kid");
        String hmac = text("#eab-hmac");
        assertThat(text("#eab-keys")).contains(kid, "browser");
        browser.screenshot("console-eab");
        Account account = ca.accountWithEab(kid, hmac);
        assertThat(account.getStatus()).isEqualTo(Status.VALID);
    }

    @Test
    @Order(7)
    void reusedAndExpiredLinksAreRefused() throws Exception {
        String url = ca.consoleUrl();
        browser.driver.get(url);
        browser.await("the dashboard", () -> present("#tile-active"));
        browser.driver.get(url);
        assertThat(text("#title")).isEqualTo("Sign-in link refused");
        assertThat(text("#message")).contains("already used, has expired");
        browser.screenshot("console-link-refused");

        String expired = ca.consoleUrl();
        ca.server.app().database().withConnection(conn -> {
            try (PreparedStatement ps = conn.prepareStatement(
                    "UPDATE admin_sessions SET expires_at = ? WHERE kind = 'link' AND used_at IS NULL")) {
                ps.setObject(1, Instant.now().minusSeconds(1).atOffset(ZoneOffset.UTC));
                return ps.executeUpdate();
            }
        });
        browser.driver.get(expired);
        assertThat(text("#title")).isEqualTo("Sign-in link refused");
    }

    @Test
    @Order(8)
    void signingOutEndsTheSession() throws Exception {
        open("dashboard", "#tile-active");
        browser.driver.findElement(By.id("logout-button")).click();
        browser.await("the signed-out page", () -> present("#title") && text("#title").equals("Signed out"));
        browser.driver.get(ca.caUrl() + "/admin/console/");
        browser.await("the sign-in page", () -> text("main").contains("stile admin console-url"));
        assertThat(present("#nav:not([hidden])")).isFalse();
        browser.screenshot("console-signed-out");
    }
}
