package dev.stile.net.http;

import dev.stile.acme.validation.http.HttpGet;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * A deliberately tiny HTTP/1.1 client for HTTP-01: one GET to an address we chose, with the
 * {@code Host} header (and TLS SNI) of the name being validated.
 *
 * <p>Why not the JDK's {@code HttpClient}: it resolves host names itself (through the JVM cache we
 * must avoid), so dialling a chosen address means putting the IP in the URL and overriding
 * {@code Host}, which needs the JVM-wide {@code jdk.httpclient.allowRestrictedHeaders} switch; SNI
 * would then carry the IP, not the name; skipping certificate checks on an https redirect hop needs
 * a separate client; and its exceptions do not say reliably whether a connection was refused, timed
 * out or reset. Plain sockets make every one of those explicit in ~200 lines.
 */
public final class HttpFetcher implements HttpGet {

    /** Bytes of body kept; a key authorization is under 100 bytes, so more than this is wrong anyway. */
    public static final int BODY_LIMIT = 8 * 1024;
    private static final int HEADER_LIMIT = 16 * 1024;

    private final Duration timeout;
    private final SSLContext insecureTls;
    private final Dialer dialer;

    /** Opens the TCP connection; tests count the attempts through it. */
    @FunctionalInterface
    interface Dialer {
        void connect(Socket socket, InetSocketAddress address, int timeoutMillis) throws IOException;
    }

    /** @param timeout for connecting and for each read */
    public HttpFetcher(Duration timeout) {
        this(timeout, Socket::connect);
    }

    HttpFetcher(Duration timeout, Dialer dialer) {
        this.timeout = timeout;
        this.insecureTls = dev.stile.net.tls.InsecureTls.context();
        this.dialer = dialer;
    }

    /**
     * GETs {@code path} from {@code address:port}.
     *
     * @param tls  whether to speak TLS (no certificate check: RFC 8555 §8.3 redirects to https are
     *             followed without validating the certificate, as Let's Encrypt does)
     * @param host the name for {@code Host} and SNI (SNI only when it is not an IP literal)
     */
    @Override
    public Reply get(InetAddress address, int port, boolean tls, String host, String path) throws FetchException {
        String where = format(address, port);
        try (Socket plain = new Socket()) {
            try {
                dialer.connect(plain, new InetSocketAddress(address, port), (int) timeout.toMillis());
            } catch (IOException e) {
                throw classify(e, "connecting to " + where);
            }
            plain.setSoTimeout((int) timeout.toMillis());
            Socket s = plain;
            if (tls) {
                s = handshake(plain, host, port, where);
            }
            OutputStream out = s.getOutputStream();
            String hostHeader = host.contains(":") ? "[" + host + "]" : host;
            boolean defaultPort = port == (tls ? 443 : 80);
            String request = "GET " + path + " HTTP/1.1\r\nHost: " + hostHeader + (defaultPort ? "" : ":" + port)
                    + "\r\nUser-Agent: Stile ACME validation\r\nAccept: */*\r\nConnection: close\r\n\r\n";
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return read(s.getInputStream(), where);
        } catch (FetchException e) {
            throw e;
        } catch (IOException e) {
            throw classify(e, "talking to " + where);
        }
    }

    private SSLSocket handshake(Socket plain, String host, int port, String where) throws FetchException {
        try {
            SSLSocket tls = (SSLSocket) insecureTls.getSocketFactory().createSocket(plain, host, port, true);
            SSLParameters params = tls.getSSLParameters();
            if (!isIpLiteral(host)) {
                params.setServerNames(java.util.List.of(new SNIHostName(host)));
            }
            tls.setSSLParameters(params);
            tls.startHandshake();
            return tls;
        } catch (SSLException e) {
            throw new FetchException(FetchException.Kind.TLS, "TLS handshake with " + where + " failed: " + e.getMessage());
        } catch (IOException e) {
            throw classify(e, "TLS handshake with " + where);
        }
    }

    private static Reply read(InputStream in, String where) throws IOException {
        String head = readHead(in, where);
        String[] lines = head.split("\r?\n");
        String[] statusLine = lines[0].split(" ", 3);
        if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/") || !statusLine[1].matches("\\d{3}")) {
            // Not a word of what it sent: it may be any internal service (SSH, Redis, ...).
            throw new FetchException(FetchException.Kind.PROTOCOL, where + " did not answer with HTTP (its first line, "
                    + lines[0].length() + " characters, is not an HTTP status line)");
        }
        int status = Integer.parseInt(statusLine[1]);
        String reason = statusLine.length > 2 ? statusLine[2] : "";
        String location = null;
        String contentType = "";
        long contentLength = -1;
        boolean chunked = false;
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = lines[i].substring(colon + 1).trim();
            if (name.equals("location")) {
                location = value;
            } else if (name.equals("content-type")) {
                contentType = value;
            } else if (name.equals("content-length") && value.matches("\\d{1,18}")) {
                contentLength = Long.parseLong(value);
            } else if (name.equals("transfer-encoding") && value.toLowerCase(Locale.ROOT).contains("chunked")) {
                chunked = true;
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        boolean truncated = chunked ? readChunked(in, body) : readPlain(in, body, contentLength);
        return new Reply(status, reason, location, body.toString(StandardCharsets.UTF_8), truncated, contentType);
    }

    private static String readHead(InputStream in, String where) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int last4 = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new FetchException(FetchException.Kind.RESET, where + " closed the connection before sending "
                        + "a complete HTTP response header");
            }
            head.write(b);
            if (head.size() > HEADER_LIMIT) {
                throw new FetchException(FetchException.Kind.PROTOCOL, where + " sent more than "
                        + HEADER_LIMIT + " bytes of HTTP headers");
            }
            last4 = (last4 << 8) | b;
            // The header ends at CRLF CRLF (or a bare LF LF from sloppy servers).
            if (last4 == 0x0d0a0d0a || (last4 & 0xffff) == 0x0a0a) {
                return head.toString(StandardCharsets.ISO_8859_1).trim();
            }
        }
    }

    private static boolean readPlain(InputStream in, ByteArrayOutputStream body, long contentLength) throws IOException {
        long want = contentLength < 0 ? Long.MAX_VALUE : contentLength;
        byte[] buf = new byte[1024];
        while (want > 0) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, want));
            if (n < 0) {
                return false;
            }
            want -= n;
            int keep = Math.min(n, BODY_LIMIT - body.size());
            body.write(buf, 0, keep);
            if (keep < n || body.size() >= BODY_LIMIT && want > 0) {
                return true; // stop reading: never buffer more than the limit
            }
        }
        return false;
    }

    private static boolean readChunked(InputStream in, ByteArrayOutputStream body) throws IOException {
        while (true) {
            String sizeLine = readLine(in);
            int semi = sizeLine.indexOf(';');
            String hex = (semi >= 0 ? sizeLine.substring(0, semi) : sizeLine).trim();
            if (!hex.matches("[0-9a-fA-F]{1,7}")) {
                throw new FetchException(FetchException.Kind.PROTOCOL, "bad chunk size " + hex);
            }
            int size = Integer.parseInt(hex, 16);
            if (size == 0) {
                return false;
            }
            if (readPlain(in, body, size)) {
                return true;
            }
            readLine(in);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            if (b.length() > 1024) {
                throw new FetchException(FetchException.Kind.PROTOCOL, "chunked body line too long");
            }
            if (c != '\r') {
                b.append((char) c);
            }
        }
        return b.toString();
    }

    static FetchException classify(IOException e, String what) {
        if (e instanceof FetchException) {
            return (FetchException) e;
        }
        if (e instanceof ConnectException) {
            return new FetchException(FetchException.Kind.REFUSED, what + ": connection refused");
        }
        if (e instanceof SocketTimeoutException) {
            return new FetchException(FetchException.Kind.TIMEOUT, what + ": timed out");
        }
        if (e instanceof NoRouteToHostException) {
            return new FetchException(FetchException.Kind.UNREACHABLE, what + ": no route to host");
        }
        if (e instanceof SocketException && String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("reset")) {
            return new FetchException(FetchException.Kind.RESET, what + ": connection reset");
        }
        return new FetchException(FetchException.Kind.RESET, what + ": " + e.getMessage());
    }

    /** {@code 127.0.0.1:80} or {@code [::1]:80}. */
    public static String format(InetAddress address, int port) {
        return HttpGet.format(address, port);
    }

    static boolean isIpLiteral(String host) {
        return host.matches("[0-9.]+") || host.contains(":");
    }
}
