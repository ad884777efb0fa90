package dev.stile.bench.load;

import dev.stile.authority.crypto.BouncyCastle;
import dev.stile.testsupport.dns.DnsResponder;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Loopback load driver. Two scenarios and one helper:
 * <pre>
 * sign --url https://127.0.0.1:9443 --ca-json DIR/config/ca.json --password-file F --trust root.crt
 *      [--clients 4] [--warmup-seconds 20] [--seconds 20] [--max-ops 1000000] [--out results.txt]
 *      [--table-file rows.tsv] [--server-pid-file F] [--label stile]
 * acme --directory https://127.0.0.1:9443/acme/acme/directory --trust ca.pem[,other.pem]
 *      [--dns-address-file F] [--start-file F] [same run options as sign]
 * jwk-provisioner --name NAME --password-file F     prints a new step JWK provisioner (ca.json entry)
 * </pre>
 * Each scenario runs the load for {@code --warmup-seconds} without counting it, then measures for
 * {@code --seconds} on the same connections; with {@code --server-pid-file} the server's CPU time
 * and RSS over exactly the measured window are read from /proc ({@link ServerProbe}).
 * {@code acme} starts a DNS responder on 127.0.0.1 first and writes its {@code IP:PORT} to
 * {@code --dns-address-file}, so the script can point the server under test at it, then waits for
 * the directory to answer and, with {@code --start-file}, until that file exists (so the script can
 * run the scenarios one after the other against one server). Only loopback URLs are accepted.
 */
public final class LoadDriver {

    private static final List<String> OPTIONS = List.of("url", "ca-json", "password-file", "trust", "clients",
            "seconds", "max-ops", "out", "label", "directory", "dns-address-file", "wait-seconds", "start-file", "warmup-seconds", "table-file",
            "server-pid-file", "name");

    private LoadDriver() {
    }

    public static void main(String[] argv) throws Exception {
        if (argv.length == 0 || !List.of("sign", "acme", "jwk-provisioner").contains(argv[0])) {
            System.err.println("usage: LoadDriver sign|acme|jwk-provisioner --option value ... (see the class Javadoc or docs/performance.md)");
            System.exit(2);
        }
        try {
            Args args = new Args(Arrays.asList(argv).subList(1, argv.length), OPTIONS);
            BouncyCastle.provider();
            if (argv[0].equals("jwk-provisioner")) {
                System.out.println(StepProvisioner.newJwkProvisionerJson(args.required("name"),
                        Path.of(args.required("password-file"))));
                return;
            }
            LoadRun.Result result = argv[0].equals("sign") ? sign(args) : acme(args);
            String text = result.summary();
            System.out.print(text);
            String out = args.text("out", null);
            if (out != null) {
                Files.writeString(Path.of(out), text, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            }
            String table = args.text("table-file", null);
            if (table != null) {
                Files.writeString(Path.of(table), result.row(), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            }
            System.exit(result.ok() > 0 ? 0 : 1);
        } catch (IllegalArgumentException e) {
            System.err.println("load: " + e.getMessage());
            System.exit(2);
        }
    }

    private static LoadRun.Result sign(Args args) throws Exception {
        String url = loopback(args.required("url"));
        SSLContext trust = Trust.of(paths(args.required("trust")));
        StepProvisioner provisioner = StepProvisioner.load(Path.of(args.required("ca-json")),
                Path.of(args.required("password-file")));
        awaitUp(URI.create(url + "/health"), trust, args.integer("wait-seconds", 120));
        return run(args, "POST /1.0/sign", i -> new StepSignClient(i, url, trust, provisioner));
    }

    private static LoadRun.Result acme(Args args) throws Exception {
        URI directory = URI.create(loopback(args.required("directory")));
        SSLContext trust = Trust.of(paths(args.required("trust")));
        // acme4j builds its HttpClient from the default context.
        SSLContext.setDefault(trust);
        try (DnsResponder dns = DnsResponder.start(InetAddress.getByName("127.0.0.1"))) {
            String addressFile = args.text("dns-address-file", null);
            if (addressFile != null) {
                Path tmp = Path.of(addressFile + ".tmp");
                Files.writeString(tmp, dns.address() + "\n");
                Files.move(tmp, Path.of(addressFile), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            System.err.println("load: DNS responder on " + dns.address());
            awaitUp(directory, trust, args.integer("wait-seconds", 120));
            awaitFile(args.text("start-file", null), args.integer("wait-seconds", 120));
            return run(args, "ACME dns-01 order", i -> {
                        try {
                            return new AcmeDns01Client(i, directory, dns);
                        } catch (Exception e) {
                            throw new IllegalStateException("client " + i + " could not create its account: "
                                    + e.getMessage(), e);
                        }
                    });
        }
    }

    private static LoadRun.Result run(Args args, String operation, IntFunction<Operation> clients) throws Exception {
        return LoadRun.run(args.text("label", "stile"), operation, args.integer("clients", 4),
                Duration.ofSeconds(args.integer("warmup-seconds", 20)), Duration.ofSeconds(args.integer("seconds", 20)),
                args.integer("max-ops", 1_000_000), ServerProbe.fromPidFile(args.text("server-pid-file", null)), clients);
    }

    /** Waits until the URL answers 200 (the server under test has started). */
    private static void awaitUp(URI url, SSLContext trust, int seconds) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().sslContext(trust).connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        String last = "";
        while (System.currentTimeMillis() < deadline) {
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(2)).GET().build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
                last = "HTTP " + r.statusCode();
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(250);
        }
        throw new IllegalArgumentException(url + " did not answer 200 within " + seconds + " s (last: " + last + ")");
    }

    private static void awaitFile(String file, int seconds) throws InterruptedException {
        if (file == null) {
            return;
        }
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        while (!Files.exists(Path.of(file))) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalArgumentException(file + " did not appear within " + seconds + " s");
            }
            Thread.sleep(200);
        }
    }

    private static String loopback(String url) {
        String host = URI.create(url).getHost();
        try {
            for (InetAddress a : InetAddress.getAllByName(host)) {
                if (!a.isLoopbackAddress()) {
                    throw new IllegalArgumentException(url + " is not a loopback address; the driver only loads 127.0.0.0/8 and ::1");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static List<Path> paths(String commaSeparated) {
        List<Path> out = new ArrayList<>();
        for (String p : commaSeparated.split(",")) {
            out.add(Path.of(p.trim()));
        }
        return out;
    }
}
