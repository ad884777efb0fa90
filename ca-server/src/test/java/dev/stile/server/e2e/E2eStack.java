package dev.stile.server.e2e;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * What every end-to-end test class runs against: a workspace, a Knot DNS server for the names
 * {@code a} and {@code b} of {@link KnotDns#ZONE}, {@code stile serve} validating against free
 * http-01 and tls-alpn-01 ports on the client address, and the checks on what it issued.
 */
final class E2eStack implements AutoCloseable {

    static final List<String> NAMES = List.of("a." + KnotDns.ZONE, "b." + KnotDns.ZONE);

    final Workspace workspace;
    final KnotDns dns;
    final int httpPort;
    final int tlsPort;
    final StileServer server;
    final CertificateChecks checks;

    private E2eStack(Workspace workspace, KnotDns dns, int httpPort, int tlsPort, StileServer server) {
        this.workspace = workspace;
        this.dns = dns;
        this.httpPort = httpPort;
        this.tlsPort = tlsPort;
        this.server = server;
        this.checks = new CertificateChecks(workspace, server);
    }

    static E2eStack start(Class<?> testClass) {
        return start(testClass, List.of(), caJson -> { });
    }

    /**
     * The same with more host names in the zone (relative, like {@code c}) and a last edit of
     * {@code ca.json} before {@code stile serve} reads it (e.g. a shorter {@code validation.retryWindow}).
     */
    static E2eStack start(Class<?> testClass, List<String> moreHosts, Consumer<ObjectNode> caJsonEdit) {
        Workspace workspace = Workspace.forClass(testClass);
        List<String> hosts = new ArrayList<>(List.of("a", "b"));
        hosts.addAll(moreHosts);
        KnotDns dns = KnotDns.start(workspace, hosts, LoopbackPorts.CLIENT_ADDRESS);
        try {
            int httpPort = LoopbackPorts.freeTcpPort(LoopbackPorts.CLIENT_ADDRESS);
            int tlsPort = LoopbackPorts.freeTcpPort(LoopbackPorts.CLIENT_ADDRESS);
            StileServer server = StileServer.start(workspace, httpPort, tlsPort, dns.address(), caJsonEdit);
            return new E2eStack(workspace, dns, httpPort, tlsPort, server);
        } catch (RuntimeException e) {
            dns.close();
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            dns.close();
        }
    }
}
