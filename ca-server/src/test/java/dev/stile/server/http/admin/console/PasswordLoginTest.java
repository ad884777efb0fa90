package dev.stile.server.http.admin.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stile.acme.testing.MutableClock;
import dev.stile.db.Database;
import dev.stile.admin.AdminRecord;
import dev.stile.db.admin.JdbcAdminSessions;
import dev.stile.db.admin.JdbcAdminStore;
import dev.stile.provisioners.ProvisionerRegistry;
import dev.stile.provisioners.jwe.EncryptedKeys;
import dev.stile.server.ops.AuditLog;
import dev.stile.server.http.admin.session.AdminSessions;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.keys.EllipticCurves;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The console's password form: right and wrong passwords, and the limits on guessing. */
class PasswordLoginTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "right password";

    private Database database;
    private MutableClock clock;
    private PasswordLogin login;

    @BeforeEach
    void setUp() throws Exception {
        database = Database.inMemory("password-login-" + System.nanoTime());
        clock = new MutableClock(Instant.parse("2026-12-06T10:00:00Z"));
        PublicJsonWebKey key = EcJwkGenerator.generateJwk(EllipticCurves.P256);
        key.setKeyId("kid-1");
        String provisioner = "{\"type\":\"JWK\",\"name\":\"admin\",\"key\":" + key.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY)
                + ",\"encryptedKey\":" + JSON.writeValueAsString(EncryptedKeys.encrypt(key, PASSWORD.toCharArray(), 1000)) + "}";
        ProvisionerRegistry registry = ProvisionerRegistry.load(List.of(JSON.readTree(provisioner)), null);
        JdbcAdminStore admins = new JdbcAdminStore(database);
        admins.insert(new AdminRecord("a1", "step", "admin", AdminRecord.Type.SUPER_ADMIN, clock.instant()));
        AuditLog audit = new AuditLog();
        login = new PasswordLogin(() -> registry, admins,
                new AdminSessions(new JdbcAdminSessions(database), admins, audit, clock), audit, clock);
    }

    @AfterEach
    void tearDown() {
        database.close();
    }

    @Test
    void theRightPasswordOpensAConsoleSessionAndAWrongOneDoesNot() {
        PasswordLogin.Result ok = login.attempt("10.0.0.1", "admin", "step", PASSWORD);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.issued().session().kind()).isEqualTo("console");
        assertThat(ok.issued().session().csrfToken()).isNotBlank();
        assertThat(login.attempt("10.0.0.1", "admin", "step", "wrong").status()).isEqualTo(401);
        assertThat(login.attempt("10.0.0.1", "admin", "nobody", PASSWORD).status()).isEqualTo(401);
        assertThat(login.attempt("10.0.0.1", "nope", "step", PASSWORD).status()).isEqualTo(401);
        assertThat(login.attempt("10.0.0.1", "admin", "step", "").status()).isEqualTo(400);
    }

    @Test
    void fiveFailuresFromAnAddressBlockItForTheWindowOnly() {
        for (int i = 0; i < PasswordLogin.PER_ADDRESS; i++) {
            assertThat(login.attempt("10.0.0.1", "admin", "step", "guess" + i).status()).isEqualTo(401);
        }
        PasswordLogin.Result blocked = login.attempt("10.0.0.1", "admin", "step", PASSWORD);
        assertThat(blocked.status()).isEqualTo(429);
        assertThat(blocked.message()).contains("10.0.0.1");
        assertThat(login.attempt("10.0.0.2", "admin", "step", PASSWORD).status()).isEqualTo(200);
        clock.advance(PasswordLogin.WINDOW.plusSeconds(1));
        assertThat(login.attempt("10.0.0.1", "admin", "step", PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void failuresFromManyAddressesPauseThePasswordFormForEveryone() {
        for (int i = 0; i < PasswordLogin.OVERALL; i++) {
            assertThat(login.attempt("10.0.1." + i, "admin", "step", "guess").status()).isEqualTo(401);
        }
        PasswordLogin.Result paused = login.attempt("10.0.2.1", "admin", "step", PASSWORD);
        assertThat(paused.status()).isEqualTo(429);
        assertThat(paused.message()).contains("paused");
        clock.advance(Duration.ofMinutes(16));
        assertThat(login.attempt("10.0.2.1", "admin", "step", PASSWORD).status()).isEqualTo(200);
    }
}
