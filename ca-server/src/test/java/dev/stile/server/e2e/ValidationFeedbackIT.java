package dev.stile.server.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a user sees when dns-01 goes wrong, with certbot and lego as they ship: for a TXT record
 * that never appears, their output carries Stile's one-sentence cause (not just "not finalized by
 * the CA"); for one that appears 20 s after the client said "ready", both succeed, because
 * {@code Retry-After} follows Stile's retry schedule and they keep polling until the attempt that
 * finds the record. The retry window is 40 s here (90 s by default) so the four runs, side by
 * side, take about 45 s.
 */
class ValidationFeedbackIT {

    static final int LATE_SECONDS = 20;
    static final String WINDOW = "40s";

    private static E2eStack stack;

    @BeforeAll
    static void start() {
        E2eRequirements.certbot();
        E2eRequirements.lego();
        stack = E2eStack.start(ValidationFeedbackIT.class,
                List.of("cb-missing", "cb-late", "lego-missing", "lego-late"),
                ca -> ((com.fasterxml.jackson.databind.node.ObjectNode) ca.get("validation")).put("retryWindow", WINDOW));
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void certbotAndLegoShowTheCauseOfAMissingRecordAndWaitForALateOne() {
        Path dir = stack.workspace.root();
        Path nothing = DnsHookScripts.publishingNothing(dir);
        String cbMissing = "cb-missing." + KnotDns.ZONE;
        String cbLate = "cb-late." + KnotDns.ZONE;
        String legoMissing = "lego-missing." + KnotDns.ZONE;
        String legoLate = "lego-late." + KnotDns.ZONE;
        Certbot certbotMissing = new Certbot(stack.workspace, stack.server, "certbot-missing");
        Certbot certbotLate = new Certbot(stack.workspace, stack.server, "certbot-late");
        Lego lego1 = Lego.dnsExec(stack.workspace, stack.server, "lego-missing", List.of(legoMissing), nothing, stack.dns);
        Lego lego2 = Lego.dnsExec(stack.workspace, stack.server, "lego-late", List.of(legoLate),
                DnsHookScripts.legoExecPublishingLate(dir, stack.dns, LATE_SECONDS), stack.dns);

        // Side by side: each run mostly waits for Stile's retries.
        CompletableFuture<ExternalProgram.Result> a = async(() -> certbotMissing.certonlyDns("missing", nothing, List.of(cbMissing)));
        CompletableFuture<ExternalProgram.Result> b = async(() -> certbotLate.certonlyDns("late",
                DnsHookScripts.certbotHookPublishingLate(dir, stack.dns, LATE_SECONDS), List.of(cbLate)));
        CompletableFuture<ExternalProgram.Result> c = async(lego1::run);
        CompletableFuture<ExternalProgram.Result> d = async(lego2::run);

        ExternalProgram.Result certbotFailed = a.join();
        assertThat(certbotFailed.exitCode()).as(certbotFailed.describe("exit code")).isNotZero();
        assertThat(certbotFailed.output())
                .as("certbot shows Stile's cause")
                .contains("DNS-01 record missing: TXT _acme-challenge." + cbMissing + " via " + stack.dns.address())
                .contains("still failing after retrying for 40 s")
                .doesNotContain("All authorizations were not finalized by the CA");
        // Retry-After follows the schedule (1, 3, 7, 15, 30, 40 s), so certbot polls a handful of times, not 30.
        assertThat(authzPolls(certbotMissing.lastDebugLog())).as("certbot's authorization polls").isBetween(3, 12);

        ExternalProgram.Result legoFailed = c.join();
        assertThat(legoFailed.exitCode()).as(legoFailed.describe("exit code")).isNotZero();
        assertThat(legoFailed.output())
                .as("lego shows Stile's cause")
                .contains("DNS-01 record missing: TXT _acme-challenge." + legoMissing + " via " + stack.dns.address())
                .doesNotContain("the server didn't respond to our request");

        b.join().assertSucceeded();
        stack.checks.assertIssued(certbotLate.cert("late"), certbotLate.chain("late"), List.of(cbLate));
        d.join().assertSucceeded();
        stack.checks.assertIssued(lego2.certificate(), lego2.issuer(), List.of(legoLate));
    }

    /** How many times certbot fetched an authorization (its debug log has one line per request). */
    static int authzPolls(String debugLog) {
        Matcher m = Pattern.compile("\"POST /acme/acme/authz/[^ ]+ HTTP").matcher(debugLog);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static CompletableFuture<ExternalProgram.Result> async(Supplier<ExternalProgram.Result> run) {
        return CompletableFuture.supplyAsync(run);
    }
}
