package dev.stile.testsupport.tls;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * A TLS-ALPN-01 responder for tests (RFC 8737): on 127.0.0.1, accepts TLS connections offering ALPN
 * {@code acme-tls/1}, presents the given certificate and closes after the handshake.
 *
 * <pre>{@code
 * try (AlpnResponder r = AlpnResponder.start(TestCertificates.acmeTlsAlpn(name, digest, true), true)) {
 *     int port = r.port();   // for validation.tlsPort
 * }
 * }</pre>
 */
public final class AlpnResponder implements AutoCloseable {

    private final SSLServerSocket server;
    private volatile boolean closed;

    private AlpnResponder(SSLServerSocket server) {
        this.server = server;
        Thread t = new Thread(this::serve, "alpn-responder-" + server.getLocalPort());
        t.setDaemon(true);
        t.start();
    }

    /**
     * @param speakAcmeTls when false the server negotiates no ALPN protocol, like an ordinary web server
     */
    public static AlpnResponder start(TestCertificates.Issued cert, boolean speakAcmeTls) throws IOException {
        return start(TestCertificates.serverContext(cert), speakAcmeTls);
    }

    /** As {@link #start(TestCertificates.Issued, boolean)}, presenting what {@code ctx}'s key manager chooses. */
    public static AlpnResponder start(SSLContext ctx, boolean speakAcmeTls) throws IOException {
        SSLServerSocket s = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket();
        s.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
        SSLParameters p = s.getSSLParameters();
        p.setApplicationProtocols(speakAcmeTls ? new String[] {"acme-tls/1"} : new String[] {"http/1.1"});
        s.setSSLParameters(p);
        return new AlpnResponder(s);
    }

    public int port() {
        return server.getLocalPort();
    }

    private void serve() {
        while (!closed) {
            try (SSLSocket c = (SSLSocket) server.accept()) {
                c.setSoTimeout(5000);
                try {
                    c.startHandshake();
                } catch (IOException e) {
                    // the client disliked us; that is what some tests want
                }
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
    }

    /** Protocols offered, for assertions. */
    public List<String> protocols() {
        return List.of(server.getSSLParameters().getApplicationProtocols());
    }
}
