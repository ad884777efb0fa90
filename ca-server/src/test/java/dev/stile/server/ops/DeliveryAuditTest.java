package dev.stile.server.ops;

import dev.stile.db.inventory.JdbcValidationFailureLog;
import dev.stile.db.inventory.JdbcRenewalTracker;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.stile.authority.inventory.CertificateRecord;
import dev.stile.db.Database;
import dev.stile.authority.inventory.InMemoryCertificateStore;
import dev.stile.authority.keys.KeyType;
import dev.stile.authority.init.PkiGenerator;
import dev.stile.admin.inventory.RenewalTracker;
import dev.stile.admin.inventory.ValidationFailureLog;
import dev.stile.acme.port.AcmeEvents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit trail says {@code certificate.issued} only for certificates that reached their
 * client. A step certificate is handed out as soon as the inventory stored it; an ACME one only
 * once its order is valid, so the line comes from {@link OpsAcmeEvents#delivered}, not from the
 * inventory (which wrote it for certificates whose finalize then lost the database).
 */
class DeliveryAuditTest {

    private final ListAppender<ILoggingEvent> audit = new ListAppender<>();
    private Database db;

    @BeforeEach
    void capture() {
        audit.start();
        ((Logger) LoggerFactory.getLogger("audit")).addAppender(audit);
        db = Database.inMemory("audit" + UUID.randomUUID().toString().replace("-", ""));
    }

    @AfterEach
    void release() {
        ((Logger) LoggerFactory.getLogger("audit")).detachAppender(audit);
        db.close();
    }

    @Test
    void anAcmeCertificateIsAuditedAsIssuedWhenDeliveredNotWhenStored() throws Exception {
        StileMetrics metrics = new StileMetrics();
        AuditLog log = new AuditLog();
        ObservedCertificateStore inventory = new ObservedCertificateStore(new InMemoryCertificateStore(),
                new JdbcRenewalTracker(db), metrics, log);
        inventory.save(record("a1", "ACME"));
        assertThat(issuedLines()).as("stored, not yet delivered").isEmpty();
        inventory.save(record("b2", "JWK"));
        assertThat(issuedLines()).singleElement().asString().contains("serial=b2").contains("provisionerType=JWK");

        X509Certificate leaf = new PkiGenerator(Clock.systemUTC()).generate("Audit", KeyType.EC_P256).intermediate();
        new OpsAcmeEvents(new ValidationObserver(metrics, new JdbcValidationFailureLog(db), Clock.systemUTC()), log,
                AcmeEvents.NONE).delivered("acme", "https://ca.example/acme/acme/account/1", leaf);
        assertThat(issuedLines()).hasSize(2).last().asString()
                .contains("serial=" + leaf.getSerialNumber().toString(16)).contains("provisioner=acme")
                .contains("provisionerType=ACME").contains("requester=https://ca.example/acme/acme/account/1");
    }

    private List<String> issuedLines() {
        return audit.list.stream().map(ILoggingEvent::getFormattedMessage).filter(m -> m.startsWith("certificate.issued"))
                .toList();
    }

    private static CertificateRecord record(String serial, String provisionerType) {
        Instant now = Instant.now();
        return new CertificateRecord(serial, "CN=a.example", List.of("dns:a.example"), now, now.plusSeconds(3600),
                "p", provisionerType, "someone", "EC P-256", "PEM", now);
    }
}
