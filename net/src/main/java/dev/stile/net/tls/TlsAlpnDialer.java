package dev.stile.net.tls;

import dev.stile.acme.validation.tls.TlsAlpn01Validator;
import dev.stile.acme.validation.tls.TlsAlpnProber;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

/**
 * The TLS-ALPN-01 handshake over a raw socket to the address the validator chose (never a host
 * name, so no JVM resolver is involved), TLS 1.3 or 1.2, SNI and ALPN {@code acme-tls/1} only, no
 * chain check ({@link InsecureTls}: RFC 8737 judges the certificate by its contents).
 */
public final class TlsAlpnDialer implements TlsAlpnProber {

    private final Duration timeout;

    /** @param timeout for connecting and for each read */
    public TlsAlpnDialer(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public Handshake probe(InetAddress address, int port, String sni) throws ProbeException {
        try (Socket plain = new Socket()) {
            try {
                plain.connect(new InetSocketAddress(address, port), (int) timeout.toMillis());
            } catch (IOException e) {
                throw new ProbeException(ProbeException.Stage.CONNECT, e instanceof ConnectException ? "connection refused"
                        : e instanceof SocketTimeoutException ? "timed out" : e.getMessage(), e);
            }
            plain.setSoTimeout((int) timeout.toMillis());
            try (SSLSocket tls = (SSLSocket) InsecureTls.context().getSocketFactory()
                    .createSocket(plain, sni, port, false)) {
                SSLParameters p = tls.getSSLParameters();
                p.setServerNames(List.of(new SNIHostName(sni)));
                p.setApplicationProtocols(new String[] {TlsAlpn01Validator.ACME_TLS_1});
                p.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
                tls.setSSLParameters(p);
                tls.startHandshake();
                String alpn = tls.getApplicationProtocol();
                if (!TlsAlpn01Validator.ACME_TLS_1.equals(alpn)) {
                    return new Handshake(alpn, null);
                }
                return new Handshake(alpn, (X509Certificate) tls.getSession().getPeerCertificates()[0]);
            } catch (SSLException e) {
                throw new ProbeException(ProbeException.Stage.HANDSHAKE,
                        e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), e);
            }
        } catch (ProbeException e) {
            throw e;
        } catch (IOException e) {
            throw new ProbeException(ProbeException.Stage.IO, e.getMessage(), e);
        }
    }
}
