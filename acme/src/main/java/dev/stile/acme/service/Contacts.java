package dev.stile.acme.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stile.acme.problem.AcmeException;
import dev.stile.acme.problem.AcmeProblem;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Account contact validation (RFC 8555 §7.3): {@code mailto:} with one plain address only. */
final class Contacts {

    static final int MAX_CONTACTS = 10;
    private static final Pattern ADDRESS = Pattern.compile(
            "[A-Za-z0-9.!#$%&'*+/=^_`{|}~-]+@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}");

    private Contacts() {
    }

    /** The validated contact list of a payload, or {@code null} when it has no {@code contact} member. */
    static List<String> parse(JsonNode payload) {
        JsonNode node = payload.get("contact");
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            throw AcmeException.malformed("\"contact\" must be an array of mailto: URLs");
        }
        if (node.size() > MAX_CONTACTS) {
            throw new AcmeException(AcmeProblem.INVALID_CONTACT,
                    "an account may have at most " + MAX_CONTACTS + " contacts, this request has " + node.size());
        }
        List<String> out = new ArrayList<>();
        for (JsonNode c : node) {
            if (!c.isTextual() || c.asText().isBlank()) {
                throw new AcmeException(AcmeProblem.INVALID_CONTACT, "a contact is empty or not a string");
            }
            out.add(check(c.asText()));
        }
        return out;
    }

    static String check(String contact) {
        int colon = contact.indexOf(':');
        String scheme = colon < 0 ? "" : contact.substring(0, colon).toLowerCase(Locale.ROOT);
        if (!scheme.equals("mailto")) {
            throw new AcmeException(AcmeProblem.UNSUPPORTED_CONTACT,
                    "contact \"" + contact + "\" is not supported: only mailto: URLs are accepted");
        }
        String address = contact.substring(colon + 1);
        if (address.contains("?") || address.contains(",") || !ADDRESS.matcher(address).matches()) {
            throw new AcmeException(AcmeProblem.INVALID_CONTACT,
                    "contact \"" + contact + "\" is not a single plain e-mail address (no ?headers, no lists)");
        }
        return "mailto:" + address;
    }
}
