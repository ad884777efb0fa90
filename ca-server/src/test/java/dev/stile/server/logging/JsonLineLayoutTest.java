package dev.stile.server.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class JsonLineLayoutTest {

    @Test
    void writesOneParseableJsonObjectPerLineWithMdcAndError() throws Exception {
        LoggerContext context = new LoggerContext();
        LoggingEvent event = new LoggingEvent("x", context.getLogger("dev.stile.Test"), Level.WARN,
                "quote \" and\nnewline {}", new IllegalStateException("boom"), new Object[] {"arg"});
        event.setMDCPropertyMap(Map.of("requestId", "abc"));
        JsonLineLayout layout = new JsonLineLayout();
        layout.setContext(context);
        layout.start();

        String line = layout.doLayout(event);

        assertThat(line).endsWith("}\n");
        assertThat(line.substring(0, line.length() - 1)).doesNotContain("\n");
        JsonNode json = new ObjectMapper().readTree(line);
        assertThat(json.get("level").asText()).isEqualTo("WARN");
        assertThat(json.get("logger").asText()).isEqualTo("dev.stile.Test");
        assertThat(json.get("message").asText()).isEqualTo("quote \" and\nnewline arg");
        assertThat(json.get("requestId").asText()).isEqualTo("abc");
        assertThat(json.get("error").asText()).contains("IllegalStateException: boom");
        assertThat(json.get("time").asText()).endsWith("Z");
    }
}
