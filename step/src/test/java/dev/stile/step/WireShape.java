package dev.stile.step;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Compares a rendered body with a golden fixture: member names in order, JSON types, nesting and
 * values, where a fixture string {@code <...>} is a placeholder for a value that differs per run
 * (see fixtures/README.md). The body goes through text first, as the HTTP edge sends it.
 */
final class WireShape {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PEM_CERTIFICATE = Pattern.compile(
            "-----BEGIN CERTIFICATE-----\n[A-Za-z0-9+/=\n]+\n-----END CERTIFICATE-----\n");
    private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Pattern COMPACT_JWE = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]*){3}\\.[A-Za-z0-9_-]+");

    private WireShape() {
    }

    static JsonNode fixture(String name) {
        try (InputStream in = WireShape.class.getResourceAsStream("/fixtures/" + name)) {
            assertThat(in).as("fixture " + name).isNotNull();
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Asserts that {@code body}, sent as the edge sends it, has the fixture's shape and values. */
    static void assertMatches(String fixture, JsonNode body) {
        JsonNode sent;
        try {
            sent = JSON.readTree(JSON.writeValueAsString(body) + "\n");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        compare("$", fixture(fixture), sent, fixture);
    }

    private static void compare(String path, JsonNode expected, JsonNode actual, String fixture) {
        String where = fixture + " at " + path;
        if (expected.isTextual() && expected.asText().startsWith("<") && expected.asText().endsWith(">")) {
            assertThat(actual.isTextual()).as(where + " is a string").isTrue();
            String v = actual.asText();
            switch (expected.asText()) {
                case "<pem certificate>":
                    assertThat(v).as(where).matches(PEM_CERTIFICATE);
                    break;
                case "<compact jwe>":
                    assertThat(v).as(where).matches(COMPACT_JWE);
                    break;
                case "<base64url>":
                    assertThat(v).as(where).matches(BASE64URL);
                    break;
                case "<any string>":
                    break;
                default:
                    fail("unknown placeholder " + expected.asText() + " in " + where);
            }
            return;
        }
        assertThat(actual.getNodeType()).as(where + " type").isEqualTo(expected.getNodeType());
        if (expected.isObject()) {
            assertThat(names(actual)).as(where + " members, in order").containsExactlyElementsOf(names(expected));
            expected.fields().forEachRemaining(e -> compare(path + "." + e.getKey(), e.getValue(),
                    actual.get(e.getKey()), fixture));
        } else if (expected.isArray()) {
            assertThat(actual.size()).as(where + " length").isEqualTo(expected.size());
            for (int i = 0; i < expected.size(); i++) {
                compare(path + "[" + i + "]", expected.get(i), actual.get(i), fixture);
            }
        } else {
            assertThat(actual).as(where).isEqualTo(expected);
        }
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
