package dev.stile.server.http.admin.linkedca;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Reading and writing protobuf's canonical JSON (protojson) as Go's {@code protojson} does:
 * fields may arrive in lowerCamelCase or in their proto (snake_case) name, {@code bytes} are
 * standard base64 (URL-safe and unpadded forms are accepted on input), absent means the zero
 * value. Output omits zero values, as {@code protojson.Marshal} does by default. Errors are
 * {@link IllegalArgumentException}s naming the field, which the admin routes answer with 400.
 */
final class ProtoJson {

    private ProtoJson() {
    }

    /** The member named {@code camel} or its snake_case proto name; null when absent or JSON null. */
    static JsonNode field(JsonNode object, String camel) {
        if (object == null || !object.isObject()) {
            return null;
        }
        JsonNode v = object.get(camel);
        if (v == null) {
            v = object.get(snake(camel));
        }
        return v == null || v.isNull() ? null : v;
    }

    /** A message-typed member: null when absent, 400 when not an object. */
    static JsonNode message(JsonNode object, String camel, String where) {
        JsonNode v = field(object, camel);
        if (v != null && !v.isObject()) {
            throw new IllegalArgumentException(where + "." + camel + " must be a JSON object");
        }
        return v;
    }

    static String string(JsonNode object, String camel, String where) {
        JsonNode v = field(object, camel);
        if (v == null) {
            return "";
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException(where + "." + camel + " must be a string");
        }
        return v.textValue();
    }

    static boolean bool(JsonNode object, String camel, String where) {
        JsonNode v = field(object, camel);
        if (v == null) {
            return false;
        }
        if (!v.isBoolean()) {
            throw new IllegalArgumentException(where + "." + camel + " must be true or false");
        }
        return v.booleanValue();
    }

    static List<String> strings(JsonNode object, String camel, String where) {
        List<String> out = new ArrayList<>();
        for (JsonNode e : array(object, camel, where)) {
            if (!e.isTextual()) {
                throw new IllegalArgumentException(where + "." + camel + " must be an array of strings");
            }
            out.add(e.textValue());
        }
        return out;
    }

    /** A {@code bytes} member decoded; an empty array when absent. */
    static byte[] bytes(JsonNode object, String camel, String where) {
        JsonNode v = field(object, camel);
        if (v == null) {
            return new byte[0];
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException(where + "." + camel + " must be a base64 string");
        }
        return decode(v.textValue(), where + "." + camel);
    }

    /** A {@code repeated bytes} member decoded. */
    static List<byte[]> bytesList(JsonNode object, String camel, String where) {
        List<byte[]> out = new ArrayList<>();
        int i = 0;
        for (JsonNode e : array(object, camel, where)) {
            if (!e.isTextual()) {
                throw new IllegalArgumentException(where + "." + camel + " must be an array of base64 strings");
            }
            out.add(decode(e.textValue(), where + "." + camel + "[" + i + "]"));
            i++;
        }
        return out;
    }

    private static Iterable<JsonNode> array(JsonNode object, String camel, String where) {
        JsonNode v = field(object, camel);
        if (v == null) {
            return List.of();
        }
        if (!v.isArray()) {
            throw new IllegalArgumentException(where + "." + camel + " must be an array");
        }
        return v;
    }

    /** Standard or URL-safe base64, padded or not (protojson accepts all four; Java's decoders do not need padding). */
    static byte[] decode(String text, String where) {
        String t = text.trim();
        try {
            return t.indexOf('-') >= 0 || t.indexOf('_') >= 0
                    ? Base64.getUrlDecoder().decode(t) : Base64.getDecoder().decode(t);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + " is not valid base64: " + e.getMessage());
        }
    }

    static String encode(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    static String encode(String text) {
        return encode(text.getBytes(StandardCharsets.UTF_8));
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Puts {@code value} unless it is the zero value (empty string). */
    static void putString(ObjectNode out, String name, String value) {
        if (value != null && !value.isEmpty()) {
            out.put(name, value);
        }
    }

    /** Puts {@code true}; false is the zero value and is omitted. */
    static void putTrue(ObjectNode out, String name, boolean value) {
        if (value) {
            out.put(name, true);
        }
    }

    /** Puts a non-empty list of strings. */
    static void putStrings(ObjectNode out, String name, List<String> values) {
        if (!values.isEmpty()) {
            ArrayNode a = out.putArray(name);
            values.forEach(a::add);
        }
    }

    static String snake(String camel) {
        StringBuilder b = new StringBuilder(camel.length() + 4);
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            if (Character.isUpperCase(c) && i > 0) {
                b.append('_').append(Character.toLowerCase(c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
