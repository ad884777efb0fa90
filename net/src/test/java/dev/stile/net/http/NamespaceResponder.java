package dev.stile.net.http;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A challenge responder run by {@link ValidationEgressNamespaceIT} inside a network namespace
 * ({@code ip netns exec NS java -cp ... NamespaceResponder ADDRESS PORT BODY}): answers every
 * request with BODY and prints {@code connection N} for every connection it accepts, so the test
 * sees exactly which connections reached it.
 */
public final class NamespaceResponder {

    private NamespaceResponder() {
    }

    public static void main(String[] args) throws Exception {
        byte[] body = args[2].getBytes(StandardCharsets.US_ASCII);
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress(InetAddress.getByName(args[0]), Integer.parseInt(args[1])));
            System.out.println("ready");
            System.out.flush();
            int n = 0;
            while (true) {
                try (Socket s = server.accept()) {
                    System.out.println("connection " + ++n);
                    System.out.flush();
                    s.setSoTimeout(5000);
                    InputStream in = s.getInputStream();
                    int last4 = 0;
                    int b;
                    while ((b = in.read()) >= 0) {
                        last4 = (last4 << 8) | b;
                        if (last4 == 0x0d0a0d0a) {
                            break;
                        }
                    }
                    OutputStream out = s.getOutputStream();
                    out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.write(body);
                    out.flush();
                } catch (java.io.IOException e) {
                    System.out.println("error " + e.getMessage());
                }
            }
        }
    }
}
