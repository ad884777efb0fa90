package dev.stile.server.http.acme;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stile.acme.service.AcmeLinks;
import dev.stile.acme.service.DirectoryMeta;

/**
 * GET {@code directory} (RFC 8555 §7.1.1, RFC 9773 §3 {@code renewalInfo}, profiles draft
 * {@code meta.profiles}, draft-ietf-acme-dns-persist-02 §3.2 and §4.1 {@code meta.issuerDomainNames}
 * and {@code meta.accountHashPrefix} where dns-persist-01 is offered).
 */
final class DirectoryResource implements AcmeHandler {

    @Override
    public void handle(AcmeExchange ex) {
        AcmeLinks l = ex.links();
        ObjectNode o = AcmeJson.object();
        o.put("newNonce", l.newNonce());
        o.put("newAccount", l.newAccount());
        o.put("newOrder", l.newOrder());
        o.put("newAuthz", l.newAuthz());
        o.put("revokeCert", l.revokeCert());
        o.put("keyChange", l.keyChange());
        o.put("renewalInfo", l.renewalInfo());
        DirectoryMeta meta = DirectoryMeta.of(ex.settings());
        boolean persist = ex.settings().challengeTypes().contains(dev.stile.acme.model.ChallengeType.DNS_PERSIST_01);
        if (!meta.isEmpty() || persist) {
            ObjectNode m = o.putObject("meta");
            if (meta.termsOfService() != null) {
                m.put("termsOfService", meta.termsOfService());
            }
            if (meta.website() != null) {
                m.put("website", meta.website());
            }
            if (!meta.caaIdentities().isEmpty()) {
                var caa = m.putArray("caaIdentities");
                meta.caaIdentities().forEach(caa::add);
            }
            m.put("externalAccountRequired", meta.externalAccountRequired());
            if (persist) {
                // The same names every dns-persist-01 challenge lists (so D is a subset of C and C of
                // caaIdentities, §3.2), and the prefix clients hash account URLs under (§4.1 item 3).
                var names = m.putArray("issuerDomainNames");
                ex.issuerDomainNames().forEach(names::add);
                m.put("accountHashPrefix", l.accountHashPrefix());
            }
            if (!meta.profiles().isEmpty()) {
                ObjectNode p = m.putObject("profiles");
                meta.profiles().forEach(p::put);
            }
        }
        ex.json(200, o);
    }
}
