package dev.stile.server.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stile.server.testsupport.TestCa;
import dev.stile.testsupport.Requirements;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a CA made by {@code stile init --acme} offers without any editing: a CRL that clients
 * accept (leaves name it in their CRL distribution point, the CRL names the same URL in its
 * issuing distribution point, {@code openssl verify -crl_check} passes a good certificate and
 * refuses a revoked one once the CRL has regenerated) and the profiles in the directory.
 */
class NewCaDefaultsIT {

    private static E2eStack stack;
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() {
        E2eRequirements.lego();
        stack = E2eStack.start(NewCaDefaultsIT.class);
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void theDirectoryAdvertisesTheDefaultAndShortLivedProfiles() throws Exception {
        JsonNode directory = JSON.readTree(get(stack.server.directory()).body());
        assertThat(directory.at("/meta/profiles/default").asText()).contains("24 hour");
        assertThat(directory.at("/meta/profiles/shortlived").asText()).contains("6 hour");
    }

    @Test
    void openSslCrlCheckAcceptsAGoodCertificateAndRefusesARevokedOne() throws Exception {
        String openssl = Requirements.program("openssl", "openssl");
        Lego good = Lego.http(stack.workspace, stack.server, List.of(E2eStack.NAMES.get(0)),
                LoopbackPorts.CLIENT_ADDRESS, stack.httpPort);
        Lego revoked = Lego.http(stack.workspace, stack.server, List.of(E2eStack.NAMES.get(1)),
                LoopbackPorts.CLIENT_ADDRESS, stack.httpPort);
        good.run().assertSucceeded();
        revoked.run().assertSucceeded();
        revoked.revoke().assertSucceeded();

        X509Certificate leaf = CertificateChecks.firstCertificate(good.certificate());
        String cdp = distributionPoint(leaf);
        assertThat(cdp).as("CRL distribution point of the leaf").startsWith("https://127.0.0.1:").endsWith("/1.0/crl");
        HttpResponse<byte[]> response = TestCa.clientTrusting(stack.server.tlsTrust())
                .send(HttpRequest.newBuilder(URI.create(cdp)).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as("GET " + cdp).isEqualTo(200);
        X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509")
                .generateCRL(new ByteArrayInputStream(response.body()));
        assertThat(issuingDistributionPoint(crl)).as("the CRL's issuing distribution point").isEqualTo(cdp);
        assertThat(crl.getRevokedCertificate(CertificateChecks.firstCertificate(revoked.certificate()).getSerialNumber()))
                .as("the revoked certificate on the regenerated CRL").isNotNull();

        Path crlPem = stack.workspace.root().resolve("crl.pem");
        Files.writeString(crlPem, "-----BEGIN X509 CRL-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(response.body()) + "\n-----END X509 CRL-----\n");
        ExternalProgram.Result ok = verify(openssl, good, crlPem);
        ok.assertSucceeded();
        assertThat(ok.output()).contains(good.certificate() + ": OK");
        ExternalProgram.Result refused = verify(openssl, revoked, crlPem);
        assertThat(refused.exitCode()).as(refused.describe("accepted a revoked certificate")).isNotZero();
        assertThat(refused.output()).contains("certificate revoked");
    }

    private static ExternalProgram.Result verify(String openssl, Lego lego, Path crl) {
        return ExternalProgram.run(stack.workspace.log("openssl-verify-crl"), Map.of(), Duration.ofSeconds(20),
                List.of(openssl, "verify", "-crl_check", "-CAfile", stack.server.issuingRoot().toString(),
                        "-untrusted", lego.issuer().toString(), "-CRLfile", crl.toString(),
                        lego.certificate().toString()));
    }

    static String distributionPoint(X509Certificate leaf) {
        byte[] ext = leaf.getExtensionValue(Extension.cRLDistributionPoints.getId());
        assertThat(ext).as("CRL distribution point extension").isNotNull();
        CRLDistPoint points = CRLDistPoint.getInstance(ASN1OctetString.getInstance(ext).getOctets());
        return uri(points.getDistributionPoints()[0].getDistributionPoint());
    }

    static String issuingDistributionPoint(X509CRL crl) {
        byte[] ext = crl.getExtensionValue(Extension.issuingDistributionPoint.getId());
        assertThat(ext).as("issuing distribution point extension").isNotNull();
        return uri(IssuingDistributionPoint.getInstance(ASN1OctetString.getInstance(ext).getOctets()).getDistributionPoint());
    }

    private static String uri(DistributionPointName name) {
        GeneralName first = GeneralNames.getInstance(name.getName()).getNames()[0];
        return first.getName().toString();
    }

    private static HttpResponse<String> get(URI uri) throws Exception {
        HttpClient client = TestCa.clientTrusting(stack.server.tlsTrust());
        return client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
