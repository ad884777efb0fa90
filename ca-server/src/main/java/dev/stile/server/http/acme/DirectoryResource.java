package dev.stile.server.http.acme;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stile.acme.service.AcmeLinks;
import dev.stile.acme.service.DirectoryMeta;

/** GET {@code directory} (RFC 8555 §7.1.1, RFC 9773 §3 {@code renewalInfo}, profiles draft {@code meta.profiles}). */
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
        if (!meta.isEmpty()) {
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
            if (!meta.profiles().isEmpty()) {
                ObjectNode p = m.putObject("profiles");
                meta.profiles().forEach(p::put);
            }
        }
        ex.json(200, o);
    }
}
