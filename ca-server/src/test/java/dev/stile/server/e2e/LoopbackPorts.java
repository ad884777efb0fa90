package dev.stile.server.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Free ports on loopback addresses. The ACME clients' challenge responders listen on
 * {@link #CLIENT_ADDRESS} so that nothing of the CA's own (on 127.0.0.1) can clash with them.
 */
final class LoopbackPorts {

    /** Where the test names point and where the clients' solvers listen. */
    static final String CLIENT_ADDRESS = "127.0.0.2";
    static final String SERVER_ADDRESS = "127.0.0.1";

    private LoopbackPorts() {
    }

    /** A TCP port nobody listens on at {@code address} right now. */
    static int freeTcpPort(String address) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getByName(address), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free TCP port on " + address, e);
        }
    }

    /** A port free for both TCP and UDP on {@code address}, as a DNS server needs. */
    static int freeTcpAndUdpPort(String address) {
        for (int attempt = 0; attempt < 20; attempt++) {
            int port = freeTcpPort(address);
            try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(address), port))) {
                return port;
            } catch (IOException e) {
                // taken for UDP; try another one
            }
        }
        throw new AssertionError("no port free for both TCP and UDP on " + address);
    }
}
