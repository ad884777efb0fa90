package dev.stile.server.deploy;

import dev.stile.testsupport.Requirements;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/systemd/ as systemd reads it: {@code systemd-analyze verify} finds nothing to say about the
 * units (it only warns about unknown keys or bad values, so any line naming them fails the test), the
 * service counts SIGTERM's 143 as success and is sandboxed, and the timer fires often enough that a
 * 24 h certificate is renewed long before it expires.
 */
class SystemdUnitsIT {

    private static final Duration CERTIFICATE_LIFETIME = Duration.ofHours(24);

    @TempDir
    Path tmp;

    @Test
    void unitsVerifyCleanly() throws Exception {
        String analyze = Requirements.program("systemd-analyze", "systemd");
        Path units = Manifests.deploy("systemd");
        for (String unit : List.of("stile.service", "stile-renew@.service", "stile-renew@.timer")) {
            Files.copy(units.resolve(unit), tmp.resolve(unit));
        }
        // Templates are verified through an instance, as `systemctl enable stile-renew@web.timer` uses them.
        String output = run(tmp, analyze, "verify", "--man=no", "./stile.service", "./stile-renew@web.service",
                "./stile-renew@web.timer");
        List<String> aboutOurs = output.lines().filter(l -> l.contains("stile")).toList();
        assertThat(aboutOurs).as("systemd-analyze verify:\n" + output).isEmpty();
    }

    @Test
    void theServiceIsHardenedAndCountsSigtermAsAStop() throws Exception {
        String unit = Files.readString(Manifests.deploy("systemd/stile.service"));
        assertThat(unit).contains("SuccessExitStatus=143", "DynamicUser=yes", "StateDirectory=stile",
                "ProtectSystem=strict", "NoNewPrivileges=yes", "Environment=STILE_HOME=/var/lib/stile");
        // The password file named in ExecStart is the credential the unit loads.
        assertThat(unit).contains("LoadCredential=password:", "--password-file=%d/password");
        // The JVM exits within TimeoutStopSec: ContainerImageIT and the e2e tests measure ~1-2 s.
        assertThat(unit).containsPattern("TimeoutStopSec=\\d+");
    }

    @Test
    void theTimerNeverMissesA24HourCertificate() throws Exception {
        String analyze = Requirements.program("systemd-analyze", "systemd");
        String timer = Files.readString(Manifests.deploy("systemd/stile-renew@.timer"));
        String service = Files.readString(Manifests.deploy("systemd/stile-renew@.service"));
        String calendar = value(timer, "OnCalendar");
        Duration delay = Duration.ofSeconds(Long.parseLong(value(timer, "RandomizedDelaySec")));
        Matcher window = Pattern.compile("--expires-in=(\\d+)h").matcher(service);
        assertThat(window.find()).as("stile ca renew --expires-in").isTrue();
        Duration renewWindow = Duration.ofHours(Long.parseLong(window.group(1)));
        assertThat(timer).contains("Persistent=true");

        // The real firing times, from systemd's own calendar parser.
        String out = run(tmp, analyze, "calendar", "--iterations=8", calendar);
        Matcher times = Pattern.compile("(\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2})").matcher(out);
        List<LocalDateTime> firings = new ArrayList<>();
        while (times.find()) {
            firings.add(LocalDateTime.parse(times.group(1), DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")));
        }
        assertThat(firings).as(out).hasSizeGreaterThanOrEqualTo(8);
        Duration largestGap = Duration.ZERO;
        for (int i = 1; i < firings.size(); i++) {
            Duration gap = Duration.between(firings.get(i - 1), firings.get(i));
            largestGap = gap.compareTo(largestGap) > 0 ? gap : largestGap;
        }
        Duration worstGap = largestGap.plus(delay);
        System.out.printf("SystemdUnitsIT: %s fires at most %s apart (plus up to %s delay); renewal window %s%n",
                calendar, largestGap, delay, renewWindow);
        // Renewal starts with at least a third of the lifetime left, and the window holds many firings,
        // so a missed run, a reboot or a CA down for hours still leaves chances before expiry.
        assertThat(renewWindow).isLessThan(CERTIFICATE_LIFETIME).isGreaterThanOrEqualTo(CERTIFICATE_LIFETIME.dividedBy(3));
        assertThat(renewWindow.dividedBy(worstGap)).as("firings inside the renewal window").isGreaterThanOrEqualTo(12);
    }

    private static String value(String unit, String key) {
        Matcher m = Pattern.compile("(?m)^" + key + "=(.+)$").matcher(unit);
        assertThat(m.find()).as(key).isTrue();
        return m.group(1).strip();
    }

    private static String run(Path dir, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + ":\n" + out).isZero();
        return out;
    }
}
