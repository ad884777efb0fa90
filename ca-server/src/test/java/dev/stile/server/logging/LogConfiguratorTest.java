package dev.stile.server.logging;

import ch.qos.logback.classic.LoggerContext;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class LogConfiguratorTest {

    @Test
    void printsTextLinesOnStderrAndKeepsLibrariesQuiet() {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream stderr = System.err;
        LoggerContext context = new LoggerContext();
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            context.setMDCAdapter(MDC.getMDCAdapter());
            context.start();
            LogConfigurator.apply(context);
            assertThat(context.getLogger("ROOT").getAppender(LogConfigurator.CONSOLE)).isNotNull();
            context.getLogger("org.eclipse.jetty.server.Server").info("jetty chatter");
            context.getLogger("dev.stile.server.App").info("started on {}", "127.0.0.1:9000");
            MDC.put("requestId", "req-7");
            try {
                context.getLogger("dev.stile.acme.Orders").warn("order failed", new IllegalStateException("boom"));
            } finally {
                MDC.remove("requestId");
            }
        } finally {
            context.stop();
            System.setErr(stderr);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        assertThat(out).doesNotContain("jetty chatter");
        assertThat(out).containsPattern("(?m)^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d:\\d\\d) INFO  App started on 127.0.0.1:9000$");
        assertThat(out).containsPattern("(?m) WARN  Orders \\[req-7\\] order failed$");
        assertThat(out).contains("java.lang.IllegalStateException: boom");
    }

    @Test
    void defersToAConfigurationFileOnTheClassPath() throws Exception {
        // The test class path has logback-test.xml; an empty class loader has none.
        assertThat(LogConfigurator.explicitConfiguration(getClass().getClassLoader())).isTrue();
        try (URLClassLoader empty = new URLClassLoader(new URL[0], null)) {
            assertThat(LogConfigurator.explicitConfiguration(empty)).isFalse();
        }
    }

    @Test
    void simpleNameIsTheLastSegment() {
        assertThat(TextLineLayout.simpleName("dev.stile.server.App")).isEqualTo("App");
        assertThat(TextLineLayout.simpleName("ROOT")).isEqualTo("ROOT");
    }
}
