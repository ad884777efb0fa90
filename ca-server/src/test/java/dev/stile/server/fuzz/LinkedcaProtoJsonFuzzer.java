package dev.stile.server.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stile.server.http.admin.linkedca.LinkedcaProvisioners;

import java.io.IOException;

/**
 * Fuzz target: a provisioner in linkedca protojson as the admin API receives it (POST/PUT
 * {@code /admin/provisioners}), converted to ca.json form and back. Input that is not JSON is
 * refused by the route before this converter and is skipped. The documented refusal is
 * {@link IllegalArgumentException} (400 naming the field); anything else is a crash.
 */
public final class LinkedcaProtoJsonFuzzer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LinkedcaProtoJsonFuzzer() {
    }

    public static void fuzzerTestOneInput(byte[] data) {
        JsonNode body;
        try {
            body = JSON.readTree(data);
        } catch (IOException notJson) {
            return;
        }
        if (body == null || !LinkedcaProvisioners.isProtoJson(body)) {
            return;
        }
        try {
            LinkedcaProvisioners.toProtoJson(LinkedcaProvisioners.toCaJson(body));
        } catch (IllegalArgumentException refused) {
            // the documented answer to a provisioner Stile cannot take
        }
    }
}
