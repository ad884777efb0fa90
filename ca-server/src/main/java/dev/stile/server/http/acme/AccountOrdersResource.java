package dev.stile.server.http.acme;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stile.acme.jws.AuthMode;
import dev.stile.core.Page;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * POST-as-GET {@code account/{id}/orders} (RFC 8555 §7.1.2.1): {@code {"orders":[...]}}, one page
 * at a time; more pages are announced with {@code Link: <...?cursor=X>;rel="next"}.
 */
final class AccountOrdersResource implements AcmeHandler {

    @Override
    public void handle(AcmeExchange ex) {
        String id = ex.pathParam("id");
        String cursor = ex.ctx().queryParam("cursor");
        Page<String> page = ex.api().accounts().listOrders(ex.verify(AuthMode.KID), id, cursor == null ? "" : cursor);
        ObjectNode o = AcmeJson.object();
        ArrayNode orders = o.putArray("orders");
        page.items().forEach(orderId -> orders.add(ex.links().order(orderId)));
        if (page.nextCursor() != null && !page.nextCursor().isEmpty()) {
            ex.link(ex.links().accountOrders(id) + "?cursor="
                    + URLEncoder.encode(page.nextCursor(), StandardCharsets.UTF_8), "next");
        }
        ex.json(200, o);
    }
}
