package dev.stile.server.http.step;

import dev.stile.server.config.HostPort;
import dev.stile.step.CrlService;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The plain-HTTP listener of ca.json's {@code insecureAddress} (reference 1.1): it serves only
 * {@code GET /crl} and {@code /1.0/crl}, so relying parties that cannot trust the CA's HTTPS
 * certificate yet can still fetch the CRL (which is signed, so HTTP is safe for it).
 */
public final class InsecureCrlServer implements AutoCloseable {

    private final Server server;
    private final ServerConnector connector;

    private InsecureCrlServer(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    public static InsecureCrlServer start(HostPort address, CrlService crl) {
        QueuedThreadPool pool = new QueuedThreadPool(4, 1);
        pool.setName("stile-crl-http");
        Server server = new Server(pool);
        ServerConnector connector = new ServerConnector(server, 1, 1);
        connector.setHost(address.bindHost());
        connector.setPort(address.port());
        connector.setIdleTimeout(30_000);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                serve(crl, request, response, callback);
                return true;
            }
        });
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot listen for CRL requests on insecureAddress " + address + ": "
                    + e.getMessage(), e);
        }
        return new InsecureCrlServer(server, connector);
    }

    private static void serve(CrlService crl, Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        boolean get = request.getMethod().equals("GET") || request.getMethod().equals("HEAD");
        if (!get || !(path.equals("/crl") || path.equals("/1.0/crl")) || !crl.enabled()) {
            response.setStatus(404);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
            response.write(true, ByteBuffer.wrap("404 page not found\n".getBytes(StandardCharsets.UTF_8)), callback);
            return;
        }
        CrlService.Crl current = crl.current();
        boolean pem = request.getHttpURI().getQuery() != null && request.getHttpURI().getQuery().contains("pem");
        byte[] body;
        if (pem) {
            String b64 = java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(current.der());
            body = ("-----BEGIN X509 CRL-----\n" + b64 + "\n-----END X509 CRL-----\n").getBytes(StandardCharsets.US_ASCII);
        } else {
            body = current.der();
        }
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, pem ? "application/x-pem-file" : "application/pkix-crl");
        response.getHeaders().put("Content-Disposition", "attachment; filename=\"crl." + (pem ? "pem" : "crl") + "\"");
        response.getHeaders().put(HttpHeader.EXPIRES,
                DateTimeFormatter.RFC_1123_DATE_TIME.format(current.nextUpdate().atOffset(ZoneOffset.UTC)));
        response.write(true, ByteBuffer.wrap(request.getMethod().equals("HEAD") ? new byte[0] : body), callback);
    }

    /** The port bound (useful with port 0). */
    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the CRL listener: " + e.getMessage(), e);
        }
    }
}
