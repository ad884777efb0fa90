package dev.stile.server.http.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stile.provisioners.Provisioner;
import dev.stile.server.http.admin.linkedca.LinkedcaProvisioners;

import java.util.Locale;

/**
 * What a PUT of a linkedca.Provisioner may not change: {@code id}, {@code type} and
 * {@code authorityId} (step-ca-api.md 7.3). step-ca answers such a change with 500; Stile answers
 * 400 and says which field. An absent (empty) {@code id} or {@code authorityId} means "unchanged":
 * the path already names the provisioner. {@code createdAt}/{@code deletedAt} are not kept by
 * Stile, so they are not compared.
 */
final class ImmutableFields {

    private ImmutableFields() {
    }

    /** @throws ProvisionerChangeException 400 naming the field that differs */
    static void check(JsonNode body, Provisioner current) {
        String currentId = LinkedcaProvisioners.idOf(current.name());
        String id = text(body, "id");
        if (!id.isEmpty() && !id.equals(currentId)) {
            throw refused("id", id, currentId, current);
        }
        String authority = text(body, "authorityId", "authority_id");
        if (!authority.isEmpty() && !authority.equals(LinkedcaProvisioners.AUTHORITY_ID)) {
            throw refused("authorityId", authority, LinkedcaProvisioners.AUTHORITY_ID, current);
        }
        String currentType = LinkedcaProvisioners.protoType(current.configuredType());
        JsonNode t = body.get("type");
        if (t != null && !t.isNull()) {
            String type = t.isInt() ? Integer.toString(t.intValue()) : t.asText().toUpperCase(Locale.ROOT);
            if (!type.equals(currentType) && !(t.isInt() && t.intValue() == current.type().code())) {
                throw refused("type", t.asText(), currentType, current);
            }
        }
    }

    private static ProvisionerChangeException refused(String field, String sent, String current, Provisioner p) {
        return new ProvisionerChangeException(400, field + " of provisioner " + p.name() + " cannot be changed (it is \""
                + current + "\", the body says \"" + sent + "\"); delete it and create a new one instead");
    }

    private static String text(JsonNode body, String... names) {
        for (String n : names) {
            JsonNode v = body.get(n);
            if (v != null && !v.isNull()) {
                return v.asText("").trim();
            }
        }
        return "";
    }
}
