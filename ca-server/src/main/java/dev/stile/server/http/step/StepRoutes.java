package dev.stile.server.http.step;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stile.authority.IssuedCertificate;
import dev.stile.core.UnitOfWork;
import dev.stile.server.http.JsonResponses;
import dev.stile.server.http.RouteModule;
import dev.stile.server.http.Routes;
import dev.stile.step.CrlService;
import dev.stile.step.StepAuthority;
import dev.stile.step.StepException;
import dev.stile.step.StepRevoker;
import dev.stile.step.wire.StepWire;
import dev.stile.step.wire.TlsOptions;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.security.cert.X509Certificate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

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
    private final TlsOptions tls;
    /**
     * One transaction per issuance: the token's use, the certificate, its names and the renewal
     * watch are committed together, before the answer is written.
     */
    private final UnitOfWork oneCommit;

    public StepRoutes(StepAuthority authority, StepRevoker revoker, CrlService crl, TlsOptions tls,
                      UnitOfWork oneCommit) {
        this.oneCommit = oneCommit;
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
            StepAuthority.SignRequest request = new StepAuthority.SignRequest(text(body, "csr"),
                    text(body, "ott"), text(body, "notBefore"), text(body, "notAfter"));
            IssuedCertificate issued = oneCommit.run(() -> authority.sign(request));
            signResponse(ctx, issued);
        });
    }

    private void renew(Context ctx) {
        StepFailures.handle(ctx, "renew", () -> {
            X509Certificate peer = PeerCertificates.leaf(ctx);
            if (peer != null) {
                signResponse(ctx, oneCommit.run(() -> authority.renew(peer)));
                return;
            }
            String auth = ctx.header("Authorization");
            if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
                String token = auth.substring(7).trim();
                signResponse(ctx, oneCommit.run(() -> authority.renewWithToken(token)));
                return;
            }
            throw StepException.badRequest("missing client certificate");
        });
    }

    private void rekey(Context ctx) {
        StepFailures.handle(ctx, "rekey", () -> {
            X509Certificate peer = PeerCertificates.leaf(ctx);
            if (peer == null) {
                throw StepException.badRequest("missing client certificate");
            }
            String csr = text(body(ctx), "csr");
            signResponse(ctx, oneCommit.run(() -> authority.rekey(peer, csr)));
        });
    }

    private void revoke(Context ctx) {
        StepFailures.handle(ctx, "revoke", () -> {
            JsonNode body = body(ctx);
            JsonNode code = body.get("reasonCode");
            if (code != null && !code.isNull() && !code.canConvertToInt()) {
                throw StepException.badRequest("reasonCode must be a number");
            }
            JsonNode passive = body.get("passive");
            StepRevoker.Request r = new StepRevoker.Request(text(body, "serial"), text(body, "ott"),
                    code == null || code.isNull() ? 0 : code.asInt(), text(body, "reason"),
                    passive != null && passive.asBoolean(false));
            revoker.revoke(r, PeerCertificates.leaf(ctx));
            JsonResponses.send(ctx, 200, StepWire.revokeResponse());
        });
    }

    private void crl(Context ctx) {
        StepFailures.handleQuietly(ctx, () -> crl(ctx, crl.published()));
    }

    private static void crl(Context ctx, CrlService.Crl current) {
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
        JsonResponses.send(ctx, 201, StepWire.signResponse(issued, tls));
    }

    private static JsonNode body(Context ctx) {
        byte[] raw = ctx.bodyAsBytes();
        if (raw.length > MAX_BODY) {
            throw StepException.badRequest("request body is larger than " + MAX_BODY + " bytes");
        }
        if (raw.length == 0) {
            return JsonResponses.mapper().createObjectNode();
        }
        try {
            JsonNode n = JsonResponses.mapper().readTree(raw);
            if (n == null || !n.isObject()) {
                throw StepException.badRequest("error decoding json: the body is not a JSON object");
            }
            return n;
        } catch (java.io.IOException e) {
            throw StepException.badRequest("error decoding json");
        }
    }

    private static String text(JsonNode body, String key) {
        JsonNode v = body.get(key);
        return v == null || v.isNull() ? "" : v.asText();
    }
}
