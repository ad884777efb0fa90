package dev.stile.server.http.acme;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stile.acme.model.Account;
import dev.stile.acme.model.Authorization;
import dev.stile.acme.model.Challenge;
import dev.stile.acme.model.Identifier;
import dev.stile.acme.model.Order;
import dev.stile.acme.model.Status;
import dev.stile.acme.problem.ProblemDocument;
import dev.stile.acme.service.AcmeLinks;
import dev.stile.acme.validation.ValidationRecord;
import dev.stile.server.http.JsonResponses;

import java.time.Instant;
import java.util.List;

/**
 * The JSON of ACME resources (RFC 8555 §7.1.2–§7.1.5, §6.7) with URLs as the client sees them.
 * Members without a value are left out rather than sent as {@code null}.
 */
public final class AcmeJson {

    private AcmeJson() {
    }

    static ObjectNode object() {
        return JsonResponses.mapper().createObjectNode();
    }

    /** §7.1.2. */
    public static ObjectNode account(Account a, AcmeLinks links) {
        ObjectNode o = object();
        o.put("status", a.status().token());
        ArrayNode contact = o.putArray("contact");
        a.contacts().forEach(contact::add);
        o.put("orders", links.accountOrders(a.id()));
        return o;
    }

    /** §7.1.3 (+ {@code profile} from the profiles draft, {@code replaces} from RFC 9773). */
    public static ObjectNode order(Order order, AcmeLinks links) {
        ObjectNode o = object();
        o.put("status", order.status().token());
        putInstant(o, "expires", order.expires());
        ArrayNode ids = o.putArray("identifiers");
        order.identifiers().forEach(id -> ids.add(identifier(id)));
        putInstant(o, "notBefore", order.notBefore());
        putInstant(o, "notAfter", order.notAfter());
        ArrayNode authz = o.putArray("authorizations");
        order.authorizationIds().forEach(id -> authz.add(links.authz(id)));
        o.put("finalize", links.finalizeOrder(order.id()));
        if (order.certificateId() != null && order.status() == Status.VALID) {
            o.put("certificate", links.certificate(order.certificateId()));
        }
        if (order.error() != null) {
            o.set("error", problem(order.error()));
        }
        if (order.profile() != null) {
            o.put("profile", order.profile());
        }
        if (order.replaces() != null) {
            o.put("replaces", order.replaces());
        }
        return o;
    }

    /** §7.1.4: a wildcard authorization names the base domain and says {@code wildcard: true}. */
    public static ObjectNode authorization(Authorization a, AcmeLinks links) {
        return authorization(a, links, List.of());
    }

    /** @param issuerDomainNames shown in dns-persist-01 challenges */
    public static ObjectNode authorization(Authorization a, AcmeLinks links, List<String> issuerDomainNames) {
        ObjectNode o = object();
        o.set("identifier", identifier(a.identifier()));
        o.put("status", a.status().token());
        putInstant(o, "expires", a.expires());
        ArrayNode challenges = o.putArray("challenges");
        a.challenges().forEach(c -> challenges.add(challenge(c, a.id(), links, issuerDomainNames)));
        if (a.wildcard()) {
            o.put("wildcard", true);
        }
        return o;
    }

    /** §7.1.5 plus {@code validationRecord} (as Boulder sends it) so the client sees what was tried. */
    public static ObjectNode challenge(Challenge c, String authzId, AcmeLinks links) {
        return challenge(c, authzId, links, List.of());
    }

    /**
     * @param issuerDomainNames the provisioner's issuer domain names: a dns-persist-01 challenge
     *                          carries them instead of a token, as {@code issuerDomainNames}
     *                          (draft-ietf-acme-dns-persist-02 §3.1; -00's {@code issuer-domain-names}
     *                          is no longer sent: -02 renamed it, and records made the -00 way no longer validate)
     */
    public static ObjectNode challenge(Challenge c, String authzId, AcmeLinks links, List<String> issuerDomainNames) {
        ObjectNode o = object();
        o.put("type", c.type().token());
        o.put("url", links.challenge(authzId, c.id()));
        o.put("status", c.status().token());
        if (c.type() == dev.stile.acme.model.ChallengeType.DNS_PERSIST_01) {
            ArrayNode names = o.putArray("issuerDomainNames");
            issuerDomainNames.forEach(names::add);
        } else {
            o.put("token", c.token());
        }
        putInstant(o, "validated", c.validated());
        if (c.error() != null) {
            o.set("error", problem(c.error()));
        }
        if (!c.validationRecords().isEmpty()) {
            ArrayNode records = o.putArray("validationRecord");
            c.validationRecords().forEach(r -> records.add(record(r)));
        }
        return o;
    }

    static ObjectNode record(ValidationRecord r) {
        ObjectNode o = object();
        putInstant(o, "time", r.time());
        putText(o, "hostname", r.hostname());
        if (r.port() != null) {
            o.put("port", r.port().toString());
        }
        putText(o, "url", r.url());
        if (!r.addressesResolved().isEmpty()) {
            ArrayNode a = o.putArray("addressesResolved");
            r.addressesResolved().forEach(a::add);
        }
        putText(o, "addressUsed", r.addressUsed());
        putText(o, "resolver", r.resolver());
        putText(o, "query", r.query());
        putText(o, "outcome", r.outcome());
        return o;
    }

    /** RFC 7807 / RFC 8555 §6.7, subproblems with their identifier (§6.7.1). */
    public static ObjectNode problem(ProblemDocument p) {
        ObjectNode o = object();
        o.put("type", p.type());
        o.put("detail", p.detail());
        if (p.status() > 0) {
            o.put("status", p.status());
        }
        if (p.identifier() != null) {
            o.set("identifier", identifier(p.identifier()));
        }
        List<ProblemDocument> subs = p.subproblems();
        if (!subs.isEmpty()) {
            ArrayNode a = o.putArray("subproblems");
            subs.forEach(s -> a.add(problem(s)));
        }
        return o;
    }

    static ObjectNode identifier(Identifier id) {
        ObjectNode o = object();
        o.put("type", id.type());
        o.put("value", id.value());
        return o;
    }

    private static void putInstant(ObjectNode o, String name, Instant value) {
        if (value != null) {
            o.put(name, value.toString());
        }
    }

    private static void putText(ObjectNode o, String name, String value) {
        if (value != null) {
            o.put(name, value);
        }
    }
}
