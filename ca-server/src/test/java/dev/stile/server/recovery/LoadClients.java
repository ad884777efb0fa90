package dev.stile.server.recovery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stile.authority.keys.KeyMaterial;
import dev.stile.server.http.step.StepClients;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Dns01Challenge;
import org.shredzone.acme4j.util.KeyPairUtils;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Clients that keep a CA busy the way the crash test did: ACME clients (acme4j, dns-01,
 * then newOrder + finalize + download with their valid authorization reused) and step clients
 * ({@code POST /1.0/sign} with a JWK token). Each remembers the serial of every certificate it
 * received, and every order whose finalize got no answer (in doubt after a crash).
 */
final class LoadClients {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RecoveryCa ca;
    private final RecoveryCa.Node node;
    final Set<String> received = ConcurrentHashMap.newKeySet();
    final List<Order> inDoubt = new CopyOnWriteArrayList<>();
    private final List<Login> logins = new ArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean();
    private final List<Thread> threads = new ArrayList<>();

    LoadClients(RecoveryCa ca, RecoveryCa.Node node, int acmeClients) throws Exception {
        this.ca = ca;
        this.node = node;
        for (int i = 0; i < acmeClients; i++) {
            logins.add(authorized("c" + i + "." + RecoveryCa.DOMAIN));
        }
    }

    /** An account with a valid authorization for {@code name}, so its orders are ready at once. */
    private Login authorized(String name) throws Exception {
        Login login = new AccountBuilder().agreeToTermsOfService().useKeyPair(KeyPairUtils.createECKeyPair("secp256r1"))
                .createLogin(ca.session(node));
        Order order = login.newOrder().domain(name).create();
        Authorization authz = order.getAuthorizations().get(0);
        Dns01Challenge challenge = authz.findChallenge(Dns01Challenge.class).orElseThrow();
        ca.dns.addTxt(challenge.getRRName(authz.getIdentifier()), challenge.getDigest());
        challenge.trigger();
        Status status = challenge.waitForCompletion(Duration.ofSeconds(30));
        if (status != Status.VALID) {
            throw new AssertionError("dns-01 for " + name + " ended " + status + ": " + challenge.getError());
        }
        return login;
    }

    /** Starts the ACME clients and {@code signClients} step clients. */
    void start(int signClients) {
        running.set(true);
        threads.clear();
        for (int i = 0; i < logins.size(); i++) {
            Login login = logins.get(i);
            String name = "c" + i + "." + RecoveryCa.DOMAIN;
            threads.add(started("acme-load-" + i, () -> acmeLoop(login, name)));
        }
        for (int i = 0; i < signClients; i++) {
            String name = "s" + i + "." + RecoveryCa.DOMAIN;
            threads.add(started("sign-load-" + i, () -> signLoop(name)));
        }
    }

    /** Stops all clients and waits for them. */
    void stop() throws InterruptedException {
        running.set(false);
        for (Thread t : threads) {
            t.join(20_000);
        }
    }

    private void acmeLoop(Login login, String name) {
        KeyPair domainKey = KeyPairUtils.createECKeyPair("secp256r1");
        while (running.get()) {
            Order order = null;
            try {
                order = login.newOrder().domain(name).create();
                order.execute(domainKey);
                Status status = order.waitForCompletion(Duration.ofSeconds(10));
                if (status == Status.VALID) {
                    X509Certificate leaf = order.getCertificate().getCertificate();
                    received.add(leaf.getSerialNumber().toString(16));
                    continue;
                }
                inDoubt.add(order);
            } catch (Exception e) {
                if (order != null) {
                    inDoubt.add(order);
                }
                pause();
            }
        }
    }

    private void signLoop(String name) {
        HttpClient http = ca.http();
        KeyPair key = StepClients.ecKey();
        String csr = StepClients.csr(key, name, List.of(name));
        String aud = node.base() + "/1.0/sign";
        while (running.get()) {
            try {
                String token = StepClients.token(ca.provisionerKey.getPrivateKey(), RecoveryCa.PROVISIONER_KID, "jwk", name,
                        aud, List.of(name), Instant.now(), c -> { });
                String body = JSON.writeValueAsString(JSON.createObjectNode().put("csr", csr).put("ott", token));
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(node.base() + "/1.0/sign"))
                        .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 201 || r.statusCode() == 200) {
                    JsonNode json = JSON.readTree(r.body());
                    X509Certificate leaf = KeyMaterial.parseCertificates(json.get("crt").asText(), "sign response").get(0);
                    received.add(leaf.getSerialNumber().toString(16));
                } else {
                    pause();
                }
            } catch (Exception e) {
                pause();
            }
        }
    }

    private static Thread started(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
