package dev.stile.server.recovery;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP forwarder on 127.0.0.1 between Stile and its PostgreSQL, which a test can cut (listener
 * closed, every connection reset: the database is unreachable) and restore on the same port.
 * This is how the outage tests take the database away without stopping the shared server.
 */
final class TcpProxy implements AutoCloseable {

    private final int port;
    private final String targetHost;
    private final int targetPort;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket listener;

    TcpProxy(String targetHostPort) throws IOException {
        int colon = targetHostPort.lastIndexOf(':');
        this.targetHost = targetHostPort.substring(0, colon);
        this.targetPort = Integer.parseInt(targetHostPort.substring(colon + 1));
        this.port = RecoveryCa.freePort();
        restore();
    }

    String hostPort() {
        return "127.0.0.1:" + port;
    }

    /** Listens again on the same port. */
    synchronized void restore() throws IOException {
        if (listener != null) {
            return;
        }
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
        listener = s;
        Thread accept = new Thread(() -> accept(s), "tcp-proxy-accept");
        accept.setDaemon(true);
        accept.start();
    }

    /** Stops listening and resets every connection: new connections are refused, open ones fail. */
    synchronized void cut() {
        ServerSocket s = listener;
        listener = null;
        closeQuietly(s);
        for (Socket socket : sockets) {
            closeQuietly(socket);
        }
        sockets.clear();
    }

    private void accept(ServerSocket s) {
        while (!s.isClosed()) {
            try {
                Socket client = s.accept();
                Socket server = new Socket(targetHost, targetPort);
                sockets.add(client);
                sockets.add(server);
                pump(client, server);
                pump(server, client);
            } catch (IOException e) {
                // closed by cut()
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // one side closed
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                sockets.remove(from);
                sockets.remove(to);
            }
        }, "tcp-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception ignored) {
                // already closed
            }
        }
    }

    @Override
    public void close() {
        cut();
    }
}
