package dev.stile.bench.load;

import dev.stile.bench.jmh.Csrs;
import dev.stile.testsupport.dns.DnsResponder;
import org.shredzone.acme4j.Account;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Dns01Challenge;

import java.net.URI;
import java.security.KeyPair;

/**
 * One ACME client doing complete dns-01 orders with acme4j: its account is created once before
 * the clock starts; each operation is new-order (one fresh name) → authorization → publish the TXT
 * record in the in-process DNS responder → trigger the challenge → poll the authorization → finalize
 * with a CSR → poll the order → download the chain. Polling ignores Retry-After and asks every
 * {@link #POLL_MILLIS} ms, so the figure measures the server rather than the client's patience;
 * pebble and Stile are polled the same way.
 */
final class AcmeDns01Client implements Operation {

    static final long POLL_MILLIS = 20;
    private static final int CSR_POOL = 4;
    private static final long POLL_LIMIT_MILLIS = 30_000;

    private final Account account;
    private final DnsResponder dns;
    private final int client;
    private final KeyPair[] certKeys = new KeyPair[CSR_POOL];

    AcmeDns01Client(int client, URI directory, DnsResponder dns) throws Exception {
        this.client = client;
        this.dns = dns;
        Session session = new Session(directory);
        this.account = new AccountBuilder().agreeToTermsOfService().useKeyPair(Csrs.p256()).create(session);
        for (int i = 0; i < CSR_POOL; i++) {
            certKeys[i] = Csrs.p256();
        }
    }

    @Override
    public void run(long sequence) throws Exception {
        String domain = "o" + sequence + "-c" + client + ".bench.example.com";
        Order order = account.newOrder().domain(domain).create();
        for (Authorization authz : order.getAuthorizations()) {
            if (authz.getStatus() == Status.VALID) {
                continue;
            }
            Dns01Challenge challenge = authz.findChallenge(Dns01Challenge.class)
                    .orElseThrow(() -> new IllegalStateException("no dns-01 challenge offered for " + domain));
            String rr = challenge.getRRName(authz.getIdentifier());
            dns.addTxt(stripDot(rr), challenge.getDigest());
            try {
                challenge.trigger();
                awaitValid("authorization of " + domain, () -> {
                    authz.fetch();
                    return authz.getStatus();
                });
            } finally {
                dns.remove(stripDot(rr), "TXT");
            }
        }
        awaitValid("order " + domain + " ready", () -> {
            order.fetch();
            return order.getStatus() == Status.PENDING ? Status.PROCESSING : order.getStatus();
        }, Status.READY);
        order.execute(Csrs.der(certKeys[(int) (sequence % CSR_POOL)], domain));
        awaitValid("order " + domain + " valid", () -> {
            order.fetch();
            return order.getStatus();
        });
        order.getCertificate().download();
        if (order.getCertificate().getCertificateChain().size() < 2) {
            throw new IllegalStateException("the chain of " + domain + " has no intermediate");
        }
    }

    private interface StatusProbe {
        Status get() throws Exception;
    }

    private static void awaitValid(String what, StatusProbe probe) throws Exception {
        awaitValid(what, probe, Status.VALID);
    }

    private static void awaitValid(String what, StatusProbe probe, Status wanted) throws Exception {
        long deadline = System.currentTimeMillis() + POLL_LIMIT_MILLIS;
        while (true) {
            Status s = probe.get();
            if (s == wanted || s == Status.VALID) {
                return;
            }
            if (s == Status.INVALID || s == Status.DEACTIVATED || s == Status.REVOKED || s == Status.EXPIRED) {
                throw new IllegalStateException(what + " became " + s);
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException(what + ": still " + s + " after " + POLL_LIMIT_MILLIS + " ms");
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    private static String stripDot(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }
}
