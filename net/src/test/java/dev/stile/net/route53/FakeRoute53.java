package dev.stile.net.route53;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local HTTP endpoint speaking the parts of Route53's REST/XML API (version 2013-04-01) that
 * Stile calls: GetHostedZone, ListHostedZonesByName and ListResourceRecordSets. The real AWS SDK
 * client talks to it through {@code endpointOverride}; nothing of Stile's code is stubbed.
 */
final class FakeRoute53 implements AutoCloseable {

    private static final String NS = "https://route53.amazonaws.com/doc/2013-04-01/";

    /** A request received: method, path, query, and the Authorization header (SigV4). */
    record Request(String method, String path, String query, String authorization) {
    }

    private final HttpServer server;
    private final Map<String, String> zoneNames = new HashMap<>(); // id -> name with trailing dot
    private final Map<String, TreeMap<String, List<String[]>>> sets = new HashMap<>(); // id -> name -> [type, value]
    final List<Request> requests = new CopyOnWriteArrayList<>();
    volatile boolean denyAll;

    FakeRoute53() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    FakeRoute53 zone(String id, String name) {
        zoneNames.put(id, name.endsWith(".") ? name : name + ".");
        sets.put(id, new TreeMap<>());
        return this;
    }

    /** Adds a record; TXT values are given unquoted and stored quoted, as Route53 does. */
    FakeRoute53 record(String zoneId, String name, String type, String value) {
        String n = name.endsWith(".") ? name : name + ".";
        String v = type.equals("TXT") ? "\"" + value + "\"" : value;
        sets.get(zoneId).computeIfAbsent(n, k -> new CopyOnWriteArrayList<>()).add(new String[] {type, v});
        return this;
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String query = ex.getRequestURI().getRawQuery();
        requests.add(new Request(ex.getRequestMethod(), path, query, ex.getRequestHeaders().getFirst("Authorization")));
        Map<String, String> q = params(query);
        if (denyAll) {
            send(ex, 403, "<ErrorResponse xmlns=\"" + NS + "\"><Error><Type>Sender</Type><Code>AccessDenied</Code>"
                    + "<Message>User: arn:aws:iam::1:user/stile is not authorized to perform: route53:ListResourceRecordSets"
                    + "</Message></Error><RequestId>r1</RequestId></ErrorResponse>");
            return;
        }
        if (path.equals("/2013-04-01/hostedzonesbyname")) {
            String wanted = q.getOrDefault("dnsname", "");
            StringBuilder zones = new StringBuilder();
            zoneNames.entrySet().stream().filter(e -> e.getValue().equals(wanted)).forEach(e -> zones.append(zone(e.getKey())));
            send(ex, 200, "<ListHostedZonesByNameResponse xmlns=\"" + NS + "\"><HostedZones>" + zones + "</HostedZones>"
                    + "<DNSName>" + wanted + "</DNSName><IsTruncated>false</IsTruncated><MaxItems>1</MaxItems>"
                    + "</ListHostedZonesByNameResponse>");
            return;
        }
        String[] parts = path.split("/");
        // /2013-04-01/hostedzone/{Id}[/rrset]
        if (parts.length >= 4 && parts[2].equals("hostedzone") && zoneNames.containsKey(parts[3])) {
            String id = parts[3];
            if (parts.length == 4) {
                send(ex, 200, "<GetHostedZoneResponse xmlns=\"" + NS + "\">" + zone(id) + "<DelegationSet><NameServers>"
                        + "<NameServer>ns-1.awsdns-01.org</NameServer></NameServers></DelegationSet></GetHostedZoneResponse>");
                return;
            }
            if (parts.length == 5 && parts[4].equals("rrset")) {
                String start = q.getOrDefault("name", "");
                int max = Integer.parseInt(q.getOrDefault("maxitems", "100"));
                StringBuilder out = new StringBuilder();
                int n = 0;
                for (Map.Entry<String, List<String[]>> e : sets.get(id).tailMap(start, true).entrySet()) {
                    Map<String, StringBuilder> byType = new TreeMap<>();
                    for (String[] r : e.getValue()) {
                        byType.computeIfAbsent(r[0], k -> new StringBuilder())
                                .append("<ResourceRecord><Value>").append(xml(r[1])).append("</Value></ResourceRecord>");
                    }
                    for (Map.Entry<String, StringBuilder> t : byType.entrySet()) {
                        if (n++ < max) {
                            out.append("<ResourceRecordSet><Name>").append(e.getKey()).append("</Name><Type>")
                                    .append(t.getKey()).append("</Type><TTL>60</TTL><ResourceRecords>")
                                    .append(t.getValue()).append("</ResourceRecords></ResourceRecordSet>");
                        }
                    }
                }
                send(ex, 200, "<ListResourceRecordSetsResponse xmlns=\"" + NS + "\"><ResourceRecordSets>" + out
                        + "</ResourceRecordSets><IsTruncated>false</IsTruncated><MaxItems>" + max
                        + "</MaxItems></ListResourceRecordSetsResponse>");
                return;
            }
        }
        send(ex, 404, "<ErrorResponse xmlns=\"" + NS + "\"><Error><Type>Sender</Type><Code>NoSuchHostedZone</Code>"
                + "<Message>No hosted zone found with ID: " + xml(path) + "</Message></Error><RequestId>r2</RequestId></ErrorResponse>");
    }

    private String zone(String id) {
        return "<HostedZone><Id>/hostedzone/" + id + "</Id><Name>" + zoneNames.get(id) + "</Name><CallerReference>c"
                + "</CallerReference><Config><PrivateZone>false</PrivateZone></Config><ResourceRecordSetCount>"
                + sets.get(id).size() + "</ResourceRecordSetCount></HostedZone>";
    }

    private static Map<String, String> params(String query) {
        Map<String, String> out = new HashMap<>();
        if (query == null) {
            return out;
        }
        for (String kv : query.split("&")) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                out.put(kv.substring(0, eq), URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + body).getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "text/xml");
        ex.getResponseHeaders().add("x-amzn-RequestId", "test-request");
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(b);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
