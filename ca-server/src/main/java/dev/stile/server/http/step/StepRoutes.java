package dev.stile.server.http.step;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stile.authority.IssuedCertificate;
import dev.stile.authority.keys.KeyMaterial;
import dev.stile.server.config.TlsConfig;
import dev.stile.server.http.JsonResponses;
import dev.stile.server.http.RouteModule;
import dev.stile.server.http.Routes;
import dev.stile.server.http.StepErrors;
import dev.stile.server.step.CrlService;
import dev.stile.server.step.StepAuthority;
import dev.stile.server.step.StepRevoker;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.security.cert.X509Certificate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * step-ca's enrollment routes (reference 2.7-2.11): {@code /sign}, {@code /renew}, {@code /rekey},
 * {@code /revoke} and {@code /crl}, each also under {@code /1.0}, with step-ca's JSON shapes and
 * status codes.
 */
public final class StepRoutes implements RouteModule {

    private static final int MAX_BODY = 128 * 1024;

    private final StepAuthority authority;
    private final StepRevoker revoker;
    private final CrlService crl;
    private final TlsConfig tls;

    public StepRoutes(StepAuthority authority, StepRevoker revoker, CrlService crl, TlsConfig tls) {
        this.authority = authority;
        this.revoker = revoker;
        this.crl = crl;
        this.tls = tls;
    }

    @Override
    public void register(RoutesConfig routes) {
        Routes.post(routes, "/sign", this::sign);
        Routes.post(routes, "/renew", this::renew);
        Routes.post(routes, "/re-sign", this::renew);
        Routes.post(routes, "/rekey", this::rekey);
        Routes.post(routes, "/revoke", this::revoke);
        Routes.getAndHead(routes, "/crl", this::crl);
    }

    private void sign(Context ctx) {
        StepFailures.handle(ctx, "sign", () -> {
            JsonNode body = body(ctx);
            IssuedCertificate issued = authority.sign(text(body, "csr"), text(body, "ott"), text(body, "notBefore"),
                    text(body, "notAfter"));
            signResponse(ctx, issued);
        });
    }

    private void renew(Context ctx) {
        StepFailures.handle(ctx, "renew", () -> {
            X509Certificate peer = PeerCertificates.leaf(ctx);
            if (peer != null) {
                signResponse(ctx, authority.renew(peer));
                return;
            }
            String auth = ctx.header("Authorization");
            if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
                signResponse(ctx, authority.renewWithToken(auth.substring(7).trim()));
                return;
            }
            throw new StepFailures.BadBody("missing client certificate");
        });
    }

    private void rekey(Context ctx) {
        StepFailures.handle(ctx, "rekey", () -> {
            X509Certificate peer = PeerCertificates.leaf(ctx);
            if (peer == null) {
                throw new StepFailures.BadBody("missing client certificate");
            }
            signResponse(ctx, authority.rekey(peer, text(body(ctx), "csr")));
        });
    }

    private void revoke(Context ctx) {
        StepFailures.handle(ctx, "revoke", () -> {
            JsonNode body = body(ctx);
            JsonNode code = body.get("reasonCode");
            if (code != null && !code.isNull() && !code.canConvertToInt()) {
                throw new StepFailures.BadBody("reasonCode must be a number");
            }
            JsonNode passive = body.get("passive");
            StepRevoker.Request r = new StepRevoker.Request(text(body, "serial"), text(body, "ott"),
                    code == null || code.isNull() ? 0 : code.asInt(), text(body, "reason"),
                    passive != null && passive.asBoolean(false));
            revoker.revoke(r, PeerCertificates.leaf(ctx));
            JsonResponses.send(ctx, 200, Map.of("status", "ok"));
        });
    }

    private void crl(Context ctx) {
        if (!crl.enabled()) {
            StepErrors.send(ctx, 404, null);
            return;
        }
        CrlService.Crl current = crl.current();
        ctx.header("Expires", DateTimeFormatter.RFC_1123_DATE_TIME.format(current.nextUpdate().atOffset(ZoneOffset.UTC)));
        if (ctx.queryParamMap().containsKey("pem")) {
            String b64 = java.util.Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(current.der());
            ctx.header("Content-Disposition", "attachment; filename=\"crl.pem\"");
            ctx.status(200).contentType("application/x-pem-file")
                    .result("-----BEGIN X509 CRL-----\n" + b64 + "\n-----END X509 CRL-----\n");
        } else {
            ctx.header("Content-Disposition", "attachment; filename=\"crl.crl\"");
            ctx.status(200).contentType("application/pkix-crl").result(current.der());
        }
    }

    private void signResponse(Context ctx, IssuedCertificate issued) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("crt", issued.leafPem());
        List<X509Certificate> intermediates = issued.intermediates();
        body.put("ca", intermediates.isEmpty() ? null : KeyMaterial.toPem(intermediates.get(0)));
        List<String> chain = new ArrayList<>();
        issued.chain().forEach(c -> chain.add(KeyMaterial.toPem(c)));
        body.put("certChain", chain);
        body.put("tlsOptions", tlsOptions());
        JsonResponses.send(ctx, 201, body);
    }

    private Map<String, Object> tlsOptions() {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("cipherSuites", tls.cipherSuites());
        o.put("minVersion", version(tls.minVersion()));
        o.put("maxVersion", version(tls.maxVersion()));
        o.put("renegotiation", false);
        return o;
    }

    /** JSSE's "TLSv1.2" as step-ca's JSON number 1.2 ("TLSv1" is 1.0). */
    private static Object version(String v) {
        String n = v == null ? "" : v.replace("TLSv", "");
        try {
            return Double.parseDouble(n.contains(".") ? n : n + ".0");
        } catch (NumberFormatException | NullPointerException e) {
            return v;
        }
    }

    private static JsonNode body(Context ctx) {
        byte[] raw = ctx.bodyAsBytes();
        if (raw.length > MAX_BODY) {
            throw new StepFailures.BadBody("request body is larger than " + MAX_BODY + " bytes");
        }
        if (raw.length == 0) {
            return JsonResponses.mapper().createObjectNode();
        }
        try {
            JsonNode n = JsonResponses.mapper().readTree(raw);
            if (n == null || !n.isObject()) {
                throw new StepFailures.BadBody("error decoding json: the body is not a JSON object");
            }
            return n;
        } catch (java.io.IOException e) {
            throw new StepFailures.BadBody("error decoding json");
        }
    }

    private static String text(JsonNode body, String key) {
        JsonNode v = body.get(key);
        return v == null || v.isNull() ? "" : v.asText();
    }
}
