package dev.stile.server.http.step;

import dev.stile.authority.keys.KeyMaterial;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.StringWriter;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;

/** What the step CLI does on the client side: keys, CSRs, tokens, mTLS. */
public final class StepClients {

    private StepClients() {
    }

    public static KeyPair ecKey() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A PEM CSR: CN = cn, SANs as step classifies them (IP, URI, email, else DNS). */
    public static String csr(KeyPair key, String cn, List<String> sans) {
        try {
            var b = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=" + cn), key.getPublic());
            if (!sans.isEmpty()) {
                ExtensionsGenerator g = new ExtensionsGenerator();
                g.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans.stream()
                        .map(s -> s.matches("[0-9.]+") ? new GeneralName(GeneralName.iPAddress, s)
                                : new GeneralName(GeneralName.dNSName, s)).toArray(GeneralName[]::new)));
                b.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, g.generate());
            }
            var csr = b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate()));
            StringWriter w = new StringWriter();
            try (JcaPEMWriter pw = new JcaPEMWriter(w)) {
                pw.writeObject(csr);
            }
            return w.toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String jti() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** A step CLI sign/revoke token: kid header, iss/sub/aud/nbf/iat/exp/jti/sha/sans claims. */
    public static String token(PrivateKey key, String kid, String iss, String sub, String aud, List<String> sans, Instant now,
                        Consumer<JwtClaims> edit) {
        JwtClaims c = new JwtClaims();
        c.setIssuer(iss);
        c.setSubject(sub);
        c.setStringClaim("aud", aud);
        c.setNotBefore(NumericDate.fromSeconds(now.getEpochSecond()));
        c.setIssuedAt(NumericDate.fromSeconds(now.getEpochSecond()));
        c.setExpirationTime(NumericDate.fromSeconds(now.getEpochSecond() + 300));
        c.setJwtId(jti());
        c.setStringClaim("sha", "0000000000000000000000000000000000000000000000000000000000000000");
        if (sans != null) {
            c.setStringListClaim("sans", sans);
        }
        edit.accept(c);
        return sign(c, key, kid, null);
    }

    /** {@code step ca renew --mtls=false}: x5cInsecure = [cert], iss step-ca-client/1.0, sub = CN, no jti. */
    static String renewToken(PrivateKey key, X509Certificate cert, String cn, String aud, Instant now) {
        JwtClaims c = new JwtClaims();
        c.setIssuer("step-ca-client/1.0");
        c.setSubject(cn);
        c.setStringClaim("aud", aud);
        c.setNotBefore(NumericDate.fromSeconds(now.getEpochSecond()));
        c.setIssuedAt(NumericDate.fromSeconds(now.getEpochSecond()));
        c.setExpirationTime(NumericDate.fromSeconds(now.getEpochSecond() + 300));
        try {
            return sign(c, key, "thumbprint", List.of(Base64.getEncoder().encodeToString(cert.getEncoded())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sign(JwtClaims c, PrivateKey key, String kid, List<String> x5cInsecure) {
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(c.toJson());
            jws.setKey(key);
            jws.setAlgorithmHeaderValue("ES256");
            jws.setKeyIdHeaderValue(kid);
            jws.setHeader("typ", "JWT");
            if (x5cInsecure != null) {
                jws.getHeaders().setObjectHeaderValue("x5cInsecure", x5cInsecure);
            }
            return jws.getCompactSerialization();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** An HTTPS client trusting the root and presenting a client certificate (mTLS), or none. */
    static HttpClient client(Path rootPem, PrivateKey key, List<X509Certificate> chain) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            int i = 0;
            for (X509Certificate c : KeyMaterial.readCertificates(rootPem)) {
                trust.setCertificateEntry("root" + i++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            KeyManagerFactory kmf = null;
            if (key != null) {
                KeyStore ks = KeyStore.getInstance("PKCS12");
                ks.load(null, null);
                ks.setKeyEntry("client", key, "x".toCharArray(), chain.toArray(new X509Certificate[0]));
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(ks, "x".toCharArray());
            }
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(5)).build();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
