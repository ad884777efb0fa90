package dev.stile.server.http.acme;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stile.acme.service.RenewalInfo;

/**
 * GET {@code renewal-info/{certID}} (RFC 9773 §4.2), unauthenticated: the suggested renewal window
 * and {@code Retry-After}.
 */
final class RenewalInfoResource implements AcmeHandler {

    @Override
    public void handle(AcmeExchange ex) {
        RenewalInfo info = ex.api().renewalInfo().renewalInfo(ex.pathParam("certID"));
        ObjectNode o = AcmeJson.object();
        ObjectNode window = o.putObject("suggestedWindow");
        window.put("start", info.start().toString());
        window.put("end", info.end().toString());
        ex.retryAfter(info.retryAfter()).json(200, o);
    }
}
