package dev.stile.cli.ca;

import dev.stile.provisioners.sign.CertificateNames;
import dev.stile.authority.crypto.BouncyCastle;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * New keys ({@code --kty/--curve/--size}, default EC P-256 as step) and the PKCS#10 request
 * {@code stile ca certificate} sends: CN = subject, SANs = the token's {@code sans}.
 */
final class KeysAndRequests {

    private KeysAndRequests() {
    }

    /** @throws CliException (usage) naming the flags when the combination is not supported */
    static KeyPair generate(String kty, String curve, Integer size) {
        String type = kty == null ? "EC" : kty.toUpperCase(Locale.ROOT);
        try {
            KeyPairGenerator generator;
            switch (type) {
                case "EC":
                    String c = curve == null ? "P-256" : curve.toUpperCase(Locale.ROOT);
                    String std;
                    switch (c) {
                        case "P-256":
                            std = "secp256r1";
                            break;
                        case "P-384":
                            std = "secp384r1";
                            break;
                        case "P-521":
                            std = "secp521r1";
                            break;
                        default:
                            throw CliException.usage("--curve " + curve + " is not supported for --kty EC; use P-256, P-384 or P-521");
                    }
                    generator = KeyPairGenerator.getInstance("EC", BouncyCastle.provider());
                    generator.initialize(new ECGenParameterSpec(std));
                    break;
                case "RSA":
                    int bits = size == null ? 2048 : size;
                    if (bits < 2048 || bits > 8192) {
                        throw CliException.usage("--size " + bits + " is not allowed for RSA; use 2048 to 8192 bits");
                    }
                    generator = KeyPairGenerator.getInstance("RSA", BouncyCastle.provider());
                    generator.initialize(bits);
                    break;
                case "OKP":
                    if (curve != null && !curve.equalsIgnoreCase("Ed25519")) {
                        throw CliException.usage("--curve " + curve + " is not supported for --kty OKP; use Ed25519");
                    }
                    generator = KeyPairGenerator.getInstance("Ed25519", BouncyCastle.provider());
                    break;
                default:
                    throw CliException.usage("--kty " + kty + " is not supported; use EC, RSA or OKP");
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a " + type + " key: " + e.getMessage(), e);
        }
    }

    /** A PEM CSR with CN = {@code subject} and the SANs typed as step-ca types token {@code sans}. */
    static String csrPem(KeyPair keys, String subject, List<String> sans) {
        try {
            X500NameBuilder name = new X500NameBuilder(BCStyle.INSTANCE);
            if (!subject.isEmpty()) {
                name.addRDN(BCStyle.CN, subject);
            }
            JcaPKCS10CertificationRequestBuilder builder =
                    new JcaPKCS10CertificationRequestBuilder(name.build(), keys.getPublic());
            List<GeneralName> names = new ArrayList<>();
            CertificateNames typed = CertificateNames.fromSans(subject, sans);
            typed.dnsNames().forEach(n -> names.add(new GeneralName(GeneralName.dNSName, n)));
            typed.ipAddresses().forEach(n -> names.add(new GeneralName(GeneralName.iPAddress, n)));
            typed.emailAddresses().forEach(n -> names.add(new GeneralName(GeneralName.rfc822Name, n)));
            typed.uris().forEach(n -> names.add(new GeneralName(GeneralName.uniformResourceIdentifier, n)));
            if (!names.isEmpty()) {
                ExtensionsGenerator extensions = new ExtensionsGenerator();
                extensions.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(names.toArray(new GeneralName[0])));
                builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate());
            }
            PKCS10CertificationRequest csr = builder.build(new JcaContentSignerBuilder(signatureAlgorithm(keys))
                    .setProvider(BouncyCastle.provider()).build(keys.getPrivate()));
            StringWriter out = new StringWriter();
            try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
                writer.writeObject(csr);
            }
            return out.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("cannot sign the certificate request: " + e.getMessage(), e);
        }
    }

    private static String signatureAlgorithm(KeyPair keys) {
        switch (TokenFactory.algorithm(keys.getPublic())) {
            case "ES256":
                return "SHA256withECDSA";
            case "ES384":
                return "SHA384withECDSA";
            case "ES512":
                return "SHA512withECDSA";
            case "RS256":
                return "SHA256withRSA";
            default:
                return "Ed25519";
        }
    }
}
