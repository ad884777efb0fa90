package dev.stile.net.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.stile.testsupport.tls.TestCertificates;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** A JDK HTTP (or HTTPS) server on 127.0.0.1 whose answers a test sets per request. */
final class ChallengeHttpServer implements AutoCloseable {

    /** What to answer: status, optional Location, body. */
    record Answer(int status, String location, String body) {
        static Answer ok(String body) {
            return new Answer(200, null, body);
        }

        static Answer redirect(String location) {
            return new Answer(302, location, "");
        }
    }

    /** A request seen: path and Host header. */
    record Seen(String path, String host) {
    }

    private final HttpServer server;
    private volatile Function<HttpExchange, Answer> handler = ex -> new Answer(404, null, "not found");
    final List<Seen> seen = new CopyOnWriteArrayList<>();

    private ChallengeHttpServer(HttpServer server) {
        this.server = server;
        server.createContext("/", this::handle);
        server.start();
    }

    static ChallengeHttpServer http() throws IOException {
        return new ChallengeHttpServer(HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0));
    }

    static ChallengeHttpServer https(String name) throws IOException {
        HttpsServer s = HttpsServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        s.setHttpsConfigurator(new HttpsConfigurator(TestCertificates.serverContext(TestCertificates.selfSigned(name))));
        return new ChallengeHttpServer(s);
    }

    int port() {
        return server.getAddress().getPort();
    }

    ChallengeHttpServer answer(Function<HttpExchange, Answer> h) {
        this.handler = h;
        return this;
    }

    private void handle(HttpExchange ex) throws IOException {
        seen.add(new Seen(ex.getRequestURI().toString(), ex.getRequestHeaders().getFirst("Host")));
        Answer a = handler.apply(ex);
        if (a.location() != null) {
            ex.getResponseHeaders().add("Location", a.location());
        }
        byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(a.status(), body.length == 0 ? -1 : body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
