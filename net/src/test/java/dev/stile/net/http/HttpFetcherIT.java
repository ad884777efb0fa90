package dev.stile.net.http;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The tiny HTTP client against raw sockets that answer exactly the bytes a test wants. */
class HttpFetcherIT {

    private ServerSocket server;
    private final AtomicReference<String> request = new AtomicReference<>();

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    /** Serves one connection: reads the request head, writes {@code response} (null: close at once). */
    private int serve(byte[] response, boolean holdOpen) throws Exception {
        server = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
        Thread t = new Thread(() -> {
            try (Socket s = server.accept()) {
                InputStream in = s.getInputStream();
                StringBuilder head = new StringBuilder();
                while (!head.toString().endsWith("\r\n\r\n")) {
                    head.append((char) in.read());
                }
                request.set(head.toString());
                if (response != null) {
                    OutputStream out = s.getOutputStream();
                    out.write(response);
                    out.flush();
                }
                if (holdOpen) {
                    Thread.sleep(3000);
                }
            } catch (Exception ignored) {
                // the test decides what matters
            }
        });
        t.setDaemon(true);
        t.start();
        return server.getLocalPort();
    }

    private HttpFetcher.Reply get(int port) throws Exception {
        return new HttpFetcher(Duration.ofSeconds(1)).get(InetAddress.getByName("127.0.0.1"), port, false,
                "acme.example.com", "/.well-known/acme-challenge/t");
    }

    @Test
    void sendsHostWithPortAndReadsContentLength() throws Exception {
        int port = serve("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello".getBytes(StandardCharsets.US_ASCII), true);

        HttpFetcher.Reply r = get(port);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("hello");
        assertThat(request.get()).startsWith("GET /.well-known/acme-challenge/t HTTP/1.1\r\n")
                .contains("\r\nHost: acme.example.com:" + port + "\r\n");
    }

    @Test
    void decodesChunkedBodiesAndBareLineFeeds() throws Exception {
        int port = serve(("HTTP/1.1 200 OK\nTransfer-Encoding: chunked\n\n"
                + "4\r\ntok.\r\n5\r\nthumb\r\n0\r\n\r\n").getBytes(StandardCharsets.US_ASCII), true);

        assertThat(get(port).body()).isEqualTo("tok.thumb");
    }

    @Test
    void keepsAtMostTheBodyLimitAndDoesNotWaitForTheRest() throws Exception {
        byte[] big = ("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n" + "x".repeat(20_000))
                .getBytes(StandardCharsets.US_ASCII);
        int port = serve(big, true); // promises 100000 bytes, sends 20000, then hangs

        HttpFetcher.Reply r = get(port);

        assertThat(r.body()).hasSize(HttpFetcher.BODY_LIMIT);
        assertThat(r.bodyTruncated()).isTrue();
    }

    @Test
    void aClosedConnectionBeforeTheHeaderIsNamed() throws Exception {
        int port = serve(null, false);

        assertThatThrownBy(() -> get(port)).isInstanceOf(HttpFetcher.FetchException.class)
                .hasMessage("127.0.0.1:" + port + " closed the connection before sending a complete HTTP response header");
    }

    @Test
    void aSilentServerIsATimeout() throws Exception {
        int port = serve(new byte[0], true);

        assertThatThrownBy(() -> get(port)).isInstanceOf(HttpFetcher.FetchException.class)
                .hasMessage("talking to 127.0.0.1:" + port + ": timed out")
                .extracting(e -> ((HttpFetcher.FetchException) e).kind()).isEqualTo(HttpFetcher.FetchException.Kind.TIMEOUT);
    }

    @Test
    void somethingThatIsNotHttpIsAProtocolError() throws Exception {
        int port = serve("SSH-2.0-OpenSSH_9.2\r\n\r\n".getBytes(StandardCharsets.US_ASCII), true);

        assertThatThrownBy(() -> get(port)).hasMessageContaining("did not answer with HTTP")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("OpenSSH"));
    }
}
