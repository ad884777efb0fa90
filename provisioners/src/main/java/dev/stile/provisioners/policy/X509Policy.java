package dev.stile.provisioners.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stile.provisioners.AuthorizationException;
import dev.stile.provisioners.ProvisionerConfigException;
import dev.stile.provisioners.sign.CertificateNames;

import java.util.List;

/**
 * ca.json's {@code authority.policy.x509} (reference 5.2), or a provisioner's {@code policy.x509}
 * (same shape, a Stile extension of ca.json: step-ca keeps provisioner policies only in its admin
 * database): which names the CA may sign, checked just before signing. Semantics follow step-ca: a deny rule always wins; once any allow rule exists,
 * every name must match an allow rule of its own type (names of a type without allow rules are
 * refused); with only deny rules everything else is allowed. Wildcard names ({@code *.example.com}
 * as a requested DNS name) are refused unless {@code allowWildcardNames} is true. The subject CN
 * passes when a CN rule allows it or when, read as a DNS name/IP/e-mail/URI, the same rules allow it.
 */
public final class X509Policy {

    /** No policy: everything is allowed. */
    public static final X509Policy NONE = new X509Policy(null, null, true, "the authority's", "authority.policy.x509");

    private final NameRules allow;
    private final NameRules deny;
    private final boolean allowWildcardNames;
    /** Whose policy, for refusals: "the authority's", "provisioner \"ci\"'s". */
    private final String owner;
    /** Where it is configured, for refusals: "authority.policy.x509". */
    private final String where;

    private X509Policy(NameRules allow, NameRules deny, boolean allowWildcardNames, String owner, String where) {
        this.allow = allow;
        this.deny = deny;
        this.allowWildcardNames = allowWildcardNames;
        this.owner = owner;
        this.where = where;
    }

    /**
     * Parses {@code authority.policy} (the whole object; only its {@code x509} member is used).
     *
     * @throws ProvisionerConfigException naming the bad rule
     */
    public static X509Policy fromAuthorityPolicy(JsonNode policy) {
        return parse(policy, "the authority's", "authority.policy");
    }

    /**
     * Parses a provisioner's {@code policy} object (same shape as {@code authority.policy}).
     *
     * @param provisioner the provisioner's name, for refusal messages
     * @param where       where the provisioner is configured, e.g. {@code authority.provisioners[2] (JWK "ci")}
     * @throws ProvisionerConfigException naming the bad rule
     */
    public static X509Policy fromProvisionerPolicy(JsonNode policy, String provisioner, String where) {
        return parse(policy, "provisioner \"" + provisioner + "\"'s", where + ".policy");
    }

    private static X509Policy parse(JsonNode policy, String owner, String policyWhere) {
        if (policy == null || policy.isNull() || policy.isMissingNode() || policy.path("x509").isMissingNode()
                || policy.path("x509").isNull()) {
            return NONE;
        }
        if (!policy.isObject()) {
            throw new ProvisionerConfigException(policyWhere + " must be an object");
        }
        JsonNode x509 = policy.get("x509");
        String where = policyWhere + ".x509";
        if (!x509.isObject()) {
            throw new ProvisionerConfigException(where + " must be an object");
        }
        JsonNode w = x509.get("allowWildcardNames");
        if (w != null && !w.isNull() && !w.isBoolean()) {
            throw new ProvisionerConfigException(where + ".allowWildcardNames must be true or false");
        }
        return new X509Policy(NameRules.parse(x509.get("allow"), where + ".allow"),
                NameRules.parse(x509.get("deny"), where + ".deny"), w != null && w.asBoolean(false), owner, where);
    }

    /** True when this policy cannot refuse anything. */
    public boolean isEmpty() {
        return allow == null || (allow.count() == 0 && deny.count() == 0 && allowWildcardNames);
    }

    /**
     * Refuses the certificate when any of its names is not allowed.
     *
     * @throws AuthorizationException 403 naming the refused name and why
     */
    public void check(CertificateNames names) {
        if (allow == null) {
            return;
        }
        for (String d : names.dnsNames()) {
            checkOne("DNS name", d, deny.matchDns(d), allow.matchDns(d), allow.dns);
            if (d.startsWith("*") && !allowWildcardNames) {
                throw refused("DNS name", d, "wildcard names are not allowed (" + where + ".allowWildcardNames is false)");
            }
        }
        for (String ip : names.ipAddresses()) {
            checkOne("IP address", ip, deny.matchIp(ip), allow.matchIp(ip), allow.ips);
        }
        for (String e : names.emailAddresses()) {
            checkOne("email address", e, deny.matchEmail(e), allow.matchEmail(e), allow.emails);
        }
        for (String u : names.uris()) {
            checkOne("URI", u, deny.matchUri(u), allow.matchUri(u), allow.uris);
        }
        checkCommonName(names);
    }

    private void checkCommonName(CertificateNames names) {
        String cn = names.commonName();
        if (cn.isEmpty()) {
            return;
        }
        String denied = deny.matchCn(cn);
        if (denied != null) {
            throw refused("common name", cn, "denied by rule \"" + denied + "\"");
        }
        if (allow.matchCn(cn) != null) {
            return;
        }
        // Otherwise judge the CN as the name it looks like, with the same rules as the SANs.
        CertificateNames asSan = CertificateNames.fromSans("", List.of(cn));
        try {
            new X509Policy(allow, deny, allowWildcardNames, owner, where).check(asSan);
        } catch (AuthorizationException e) {
            if (allow.count() > 0 || deny.count() > 0) {
                throw refused("common name", cn, "neither a cn rule nor the " + kind(asSan) + " rules allow it");
            }
        }
    }

    private static String kind(CertificateNames n) {
        if (!n.ipAddresses().isEmpty()) {
            return "ip";
        }
        if (!n.emailAddresses().isEmpty()) {
            return "email";
        }
        return n.uris().isEmpty() ? "dns" : "uri";
    }

    private void checkOne(String what, String name, String deniedBy, String allowedBy, List<?> allowRulesOfType) {
        if (deniedBy != null) {
            throw refused(what, name, "denied by rule \"" + deniedBy + "\"");
        }
        if (allow.count() == 0) {
            return;
        }
        if (allowedBy == null) {
            throw refused(what, name, allowRulesOfType.isEmpty()
                    ? "the policy allows only listed names and has no allow rule for this type"
                    : "it matches no allow rule");
        }
    }

    private AuthorizationException refused(String what, String name, String why) {
        return AuthorizationException.forbidden(owner + " x509 policy does not allow " + what + " \""
                + name + "\": " + why);
    }
}
