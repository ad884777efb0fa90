package dev.stile.acme.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stile.acme.problem.AcmeException;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/** Parsing of JWS payloads into JSON with {@code malformed} errors that name the field. */
final class Payloads {

    static final ObjectMapper JSON = new ObjectMapper();

    private Payloads() {
    }

    static JsonNode object(byte[] payload) {
        if (payload.length == 0) {
            throw AcmeException.malformed("this request needs a JSON payload, but the JWS payload is empty (POST-as-GET)");
        }
        try {
            JsonNode node = JSON.readTree(payload);
            if (node == null || !node.isObject()) {
                throw AcmeException.malformed("the JWS payload must be a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw AcmeException.malformed("the JWS payload is not JSON: " + e.getMessage().split("\n", 2)[0]);
        }
    }

    static void requirePostAsGet(byte[] payload, String resource) {
        if (payload.length != 0) {
            throw AcmeException.malformed("reading " + resource + " needs POST-as-GET: an empty JWS payload (RFC 8555 §6.3)");
        }
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw AcmeException.malformed("\"" + field + "\" must be a string");
        }
        return v.asText();
    }

    static Instant instant(JsonNode node, String field) {
        String s = text(node, field);
        if (s == null) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            throw AcmeException.malformed("\"" + field + "\" is not an RFC 3339 date-time: " + s);
        }
    }

    static byte[] base64url(JsonNode node, String field) {
        String s = text(node, field);
        if (s == null || s.isEmpty()) {
            throw AcmeException.malformed("the payload has no \"" + field + "\"");
        }
        try {
            return Base64.getUrlDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            throw AcmeException.malformed("\"" + field + "\" is not base64url");
        }
    }
}
