package dev.stile.bench.jmh;

import dev.stile.authority.inventory.CertificateRecord;
import dev.stile.core.UnitOfWork;
import dev.stile.db.Database;
import dev.stile.db.certificates.JdbcCertificateStore;
import dev.stile.db.inventory.JdbcRenewalTracker;
import dev.stile.db.tokens.JdbcTokenStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What the database part of one {@code POST /1.0/sign} costs on the embedded H2 file database
 * ({@code WRITE_DELAY=0}, as {@code stile serve} opens it): the one-time token's use, the
 * certificate with its name, and the renewal watch, from four threads. {@code oneCommit=false} is
 * one commit per store call (three per issuance, as before issue 13), {@code true} one unit of work.
 * Run with {@code -prof dev.stile.bench.jmh.CpuTimeProfiler}: the process CPU per operation is the
 * figure, the rate only follows it.
 */
@State(Scope.Benchmark)
@Threads(4)
public class IssuanceCommitBenchmark {

    @Param({"true", "false"})
    public boolean oneCommit;

    /** Extra H2 settings for experiments, e.g. {@code ;PAGE_SIZE=2048}. */
    @Param({""})
    public String h2Settings;

    private java.nio.file.Path dir;
    private Database database;
    private UnitOfWork unit;
    private JdbcTokenStore tokens;
    private JdbcCertificateStore certificates;
    private JdbcRenewalTracker tracker;
    private String pem;

    @Setup(Level.Trial)
    public void setUp() {
        try {
            dir = java.nio.file.Files.createTempDirectory("stile-commitbench");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        database = Database.open(Database.Kind.H2, "jdbc:h2:file:" + dir.resolve("stile") + h2Settings, "sa", "", 4);
        unit = oneCommit ? database : UnitOfWork.NONE;
        tokens = new JdbcTokenStore(database, Clock.systemUTC());
        certificates = new JdbcCertificateStore(database);
        tracker = new JdbcRenewalTracker(database);
        byte[] der = new byte[520]; // a P-256 leaf's size; the store never parses it
        ThreadLocalRandom.current().nextBytes(der);
        pem = "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END CERTIFICATE-----\n";
    }

    @TearDown(Level.Trial)
    public void tearDown() throws java.io.IOException {
        database.close();
        try (var files = java.nio.file.Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    public Object issue() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String tokenId = HexFormat.of().formatHex(bytes);
        String serial = "1" + tokenId.substring(0, 32);
        // Names from a small pool, as bench/run.sh's clients: the renewal watch updates its rows.
        String name = "sign-c" + random.nextInt(4) + "-k" + random.nextInt(16) + ".bench.example.com";
        Instant now = Instant.now();
        CertificateRecord record = new CertificateRecord(serial, "CN=" + name, List.of("dns:" + name),
                now.minusSeconds(60), now.plusSeconds(86_400), "bench@example.com", "JWK", name, "EC-P256", pem, now);
        return unit.run(() -> {
            tokens.useOnce(tokenId, now.plusSeconds(300));
            certificates.save(record);
            tracker.record(serial, List.of(name), record.notAfter(), now);
            return record;
        });
    }
}
