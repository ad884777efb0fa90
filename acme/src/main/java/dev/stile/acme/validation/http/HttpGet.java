package dev.stile.acme.validation.http;

import java.io.IOException;
import java.net.InetAddress;

/**
 * Port: one HTTP GET of a challenge URL from one address, as HTTP-01 needs it (implemented in the
 * net module over raw sockets, so the address dialled is exactly the one the egress policy passed).
 */
@FunctionalInterface
public interface HttpGet {

    /**
     * A response: status, {@code Location} header if any, the media type (e.g. {@code text/html}, or
     * empty), and the body (cut at the adapter's limit, a few KiB). The reason phrase and body may come
     * from any service behind the address, so messages use {@link ReplySummary} instead of them.
     */
    record Reply(int status, String reason, String location, String body, boolean bodyTruncated,
            String contentType) {
    }

    /** Why a fetch failed below HTTP. */
    final class FetchException extends IOException {
        private final Kind kind;

        public enum Kind { REFUSED, TIMEOUT, RESET, UNREACHABLE, TLS, PROTOCOL }

        public FetchException(Kind kind, String message) {
            super(message);
            this.kind = kind;
        }

        public Kind kind() {
            return kind;
        }
    }

    /**
     * GETs {@code path} from {@code address:port}.
     *
     * @param tls  whether to speak TLS (no certificate check: RFC 8555 §8.3 redirects to https are
     *             followed without validating the certificate, as Let's Encrypt does)
     * @param host the name for {@code Host} and SNI (SNI only when it is not an IP literal)
     */
    Reply get(InetAddress address, int port, boolean tls, String host, String path) throws FetchException;

    /** {@code 127.0.0.1:80} or {@code [::1]:80}. */
    static String format(InetAddress address, int port) {
        String h = address.getHostAddress();
        return (h.contains(":") ? "[" + h + "]" : h) + ":" + port;
    }
}
