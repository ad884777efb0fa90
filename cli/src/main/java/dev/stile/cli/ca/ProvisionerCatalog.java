package dev.stile.cli.ca;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads the CA's provisioners the way the step CLI does ({@code GET /provisioners?limit=100}
 * until {@code nextCursor} is empty) and picks the JWK provisioner a token is made with.
 */
final class ProvisionerCatalog {

    static final int PAGE_SIZE = 100;
    /** 100 000 provisioners is far beyond any real CA; a server that pages forever is broken. */
    static final int MAX_PAGES = 1000;

    private ProvisionerCatalog() {
    }

    /** Every provisioner, in the CA's order, as the JSON objects it serves. */
    static List<JsonNode> list(CaClient client) {
        List<JsonNode> all = new ArrayList<>();
        Set<String> seenCursors = new HashSet<>();
        String cursor = "";
        for (int page = 0; page < MAX_PAGES; page++) {
            String path = "/provisioners?limit=" + PAGE_SIZE
                    + (cursor.isEmpty() ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            JsonNode body = client.getJson(path);
            JsonNode items = body.get("provisioners");
            if (items == null || !items.isArray()) {
                throw CliException.refused(client.url(path) + " answered without a \"provisioners\" array");
            }
            items.forEach(all::add);
            JsonNode next = body.get("nextCursor");
            cursor = next == null || next.isNull() ? "" : next.asText();
            if (cursor.isEmpty()) {
                return all;
            }
            if (!seenCursors.add(cursor)) {
                throw CliException.refused(client.url(path) + " returned the cursor \"" + cursor
                        + "\" twice; its provisioner paging loops");
            }
        }
        throw CliException.refused(client.url("/provisioners") + " still had more pages after " + MAX_PAGES
                + " pages of " + PAGE_SIZE + "; giving up");
    }

    /**
     * The JWK provisioner to sign with: the one named {@code name} and/or with key id {@code kid},
     * or the only JWK provisioner when neither is given.
     *
     * @throws CliException (usage) naming the choices when none or several match
     */
    static JsonNode chooseJwk(List<JsonNode> all, String name, String kid, String caUrl) {
        List<JsonNode> jwk = all.stream().filter(p -> type(p).equals("jwk")).collect(Collectors.toList());
        List<JsonNode> matching = jwk.stream()
                .filter(p -> name == null || name.equals(text(p, "name")))
                .filter(p -> kid == null || kid.equals(kid(p)))
                .collect(Collectors.toList());
        if (matching.size() == 1) {
            return matching.get(0);
        }
        String names = jwk.isEmpty() ? "none" : jwk.stream().map(p -> "'" + text(p, "name") + "' (kid " + kid(p) + ")")
                .collect(Collectors.joining(", "));
        if (matching.isEmpty()) {
            if (name != null) {
                for (JsonNode p : all) {
                    if (name.equals(text(p, "name")) && !type(p).equals("jwk")) {
                        throw CliException.usage("--provisioner '" + name + "' is a " + text(p, "type")
                                + " provisioner; tokens can only be made with a JWK provisioner (JWK provisioners at "
                                + caUrl + ": " + names + ")");
                    }
                }
            }
            String wanted = (name == null ? "" : " named '" + name + "'") + (kid == null ? "" : " with kid '" + kid + "'");
            throw CliException.usage("the CA at " + caUrl + " has no JWK provisioner" + wanted
                    + " (JWK provisioners there: " + names + ")");
        }
        throw CliException.usage("the CA at " + caUrl + " has several JWK provisioners (" + names
                + "); choose one with --provisioner NAME or --kid KID");
    }

    static String kid(JsonNode provisioner) {
        JsonNode key = provisioner.get("key");
        return key == null ? null : text(key, "kid");
    }

    static String text(JsonNode node, String key) {
        JsonNode v = node.get(key);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static String type(JsonNode p) {
        String t = text(p, "type");
        return t == null ? "" : t.toLowerCase(Locale.ROOT);
    }
}
