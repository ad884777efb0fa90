package dev.stile.net.http;

import dev.stile.acme.validation.http.Http01Validator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stile.acme.model.Identifier;
import dev.stile.acme.validation.ValidationOutcome;
import dev.stile.acme.validation.ValidationOutcome.Verdict;
import dev.stile.acme.validation.ValidationTarget;
import dev.stile.net.dns.AddressLookup;
import dev.stile.net.dns.DnsClient;
import dev.stile.acme.validation.dns.DnsServer;
import dev.stile.acme.validation.egress.EgressPolicies;
import dev.stile.acme.validation.egress.EgressPolicy;
import dev.stile.testsupport.Requirements;
import dev.stile.testsupport.dns.DnsResponder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The egress policy against a host on a private network that is not loopback: a network namespace
 * this test creates (veth pair, 10.213.N.0/30), with a challenge responder inside it. Private ranges
 * are reached by default; {@code denyNetworks} refuses them before any connection. Needs root and
 * iproute2 (CI runs as root); nothing outside the namespace and its veth pair is touched.
 */
class ValidationEgressNamespaceIT {

    private static final String NAME = "lan-host.egress.test";
    private static final String TOKEN = "tok3n";
    private static final String KEY_AUTH = TOKEN + ".thumbprint";
    private static final int PORT = 8080;

    static String ns;
    static String hostIf;
    static String nsAddress;
    static Process responder;
    static final List<String> responderLines = new CopyOnWriteArrayList<>();
    static DnsResponder dns;

    @BeforeAll
    static void createNamespace() throws Exception {
        String ip = Requirements.program("ip", "iproute2");
        boolean root = "root".equals(System.getProperty("user.name"));
        if (!root && Requirements.isCi()) {
            throw new AssertionError("ValidationEgressNamespaceIT needs root to create a network namespace");
        }
        Assumptions.assumeTrue(root, "needs root to create a network namespace");
        removeStaleNamespaces(ip);
        long id = ProcessHandle.current().pid() % 200 + 20;
        ns = "stile-egress-" + ProcessHandle.current().pid();
        hostIf = "stegh" + id;
        String nsIf = "stegn" + id;
        String prefix = "10.213." + id + ".";
        nsAddress = prefix + "2";
        run(ip, "netns", "add", ns);
        run(ip, "link", "add", hostIf, "type", "veth", "peer", "name", nsIf);
        run(ip, "link", "set", nsIf, "netns", ns);
        run(ip, "addr", "add", prefix + "1/30", "dev", hostIf);
        run(ip, "link", "set", hostIf, "up");
        run(ip, "-n", ns, "addr", "add", nsAddress + "/30", "dev", nsIf);
        run(ip, "-n", ns, "link", "set", nsIf, "up");
        run(ip, "-n", ns, "link", "set", "lo", "up");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        responder = new ProcessBuilder(ip, "netns", "exec", ns, java, "-Xmx16m", "-cp",
                System.getProperty("java.class.path"), NamespaceResponder.class.getName(), nsAddress,
                String.valueOf(PORT), KEY_AUTH).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(responder.getInputStream(), StandardCharsets.UTF_8));
        Thread reader = new Thread(() -> out.lines().forEach(responderLines::add), "ns-responder-output");
        reader.setDaemon(true);
        reader.start();
        for (int i = 0; i < 200 && !responderLines.contains("ready"); i++) {
            Thread.sleep(50);
        }
        assertThat(responderLines).as("the responder in %s did not start", ns).contains("ready");
        dns = DnsResponder.start();
        dns.addA(NAME, nsAddress);
    }

    @AfterAll
    static void deleteNamespace() throws Exception {
        if (dns != null) {
            dns.close();
        }
        if (responder != null) {
            responder.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        if (ns != null) {
            // Deleting the namespace removes the veth pair (and the host's end with it).
            new ProcessBuilder("ip", "netns", "del", ns).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Namespaces an earlier run of this test left behind when its JVM was killed (their pid is gone). */
    private static void removeStaleNamespaces(String ip) throws Exception {
        Process list = new ProcessBuilder(ip, "netns", "list").redirectErrorStream(true).start();
        String out = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        list.waitFor(10, TimeUnit.SECONDS);
        for (String line : out.split("\n")) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("^stile-egress-(\\d+)").matcher(line.trim());
            if (m.find() && ProcessHandle.of(Long.parseLong(m.group(1))).isEmpty()) {
                new ProcessBuilder(ip, "netns", "del", m.group()).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(String.join(" ", command) + ": " + output).isZero();
    }

    private static Http01Validator validator(String egressBlock) throws Exception {
        DnsClient client = new DnsClient(List.of(DnsServer.parse(dns.address())), Map.of(), Duration.ofMillis(500), 2,
                Clock.systemUTC());
        EgressPolicy policy = EgressPolicy.defaults().with(new ObjectMapper().readTree(egressBlock), "validation");
        return new Http01Validator(new AddressLookup(client, Clock.systemUTC()), PORT, 443, new HttpFetcher(Duration.ofSeconds(3)),
                Clock.systemUTC(), EgressPolicies.global(policy));
    }

    private static long connections() {
        return responderLines.stream().filter(l -> l.startsWith("connection ")).count();
    }

    @Test
    void aPrivateAddressIsReachedByDefaultAndRefusedWithoutAConnectionWhenDenied() throws Exception {
        ValidationTarget target = new ValidationTarget(Identifier.dns(NAME), TOKEN, KEY_AUTH, null);

        ValidationOutcome allowed = validator("{}").validate(target);

        assertThat(allowed.verdict()).as(String.valueOf(allowed.problem())).isEqualTo(Verdict.VALID);
        assertThat(connections()).isEqualTo(1);

        ValidationOutcome denied = validator("{\"denyNetworks\": [\"10.0.0.0/8\"]}").validate(target);

        assertThat(denied.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(denied.problem().detail()).endsWith(nsAddress + " is refused by the validation egress policy: "
                + "it is in 10.0.0.0/8, listed in validation.denyNetworks.");
        Thread.sleep(200);
        assertThat(connections()).as("the refused validation sent nothing").isEqualTo(1);
    }
}
