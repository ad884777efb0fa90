package dev.stile.cli.ca;

import dev.stile.authority.crypto.BouncyCastle;
import dev.stile.authority.keys.KeyMaterial;
import dev.stile.authority.keys.KeyMaterialException;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/** Certificate and key files as the step CLI reads and writes them, with errors naming the flag. */
final class PemFiles {

    private PemFiles() {
    }

    /**
     * @param what the flag or argument that named the file, e.g. {@code --root} or {@code CRT}
     * @throws CliException (usage) when the file is missing or holds no certificate
     */
    static List<X509Certificate> readCertificates(Path file, String what) {
        try {
            return KeyMaterial.readCertificates(file);
        } catch (KeyMaterialException e) {
            throw CliException.usage(what + ": " + e.getMessage(), e);
        }
    }

    /** Reads an unencrypted private key (step writes them unencrypted, mode 0600). */
    static PrivateKey readPrivateKey(Path file, String what) {
        BouncyCastle.provider();
        try {
            return KeyMaterial.readPrivateKey(file, null);
        } catch (KeyMaterialException e) {
            throw CliException.usage(what + ": " + e.getMessage(), e);
        }
    }

    /** Unencrypted PEM as step writes it ({@code EC PRIVATE KEY}, {@code RSA PRIVATE KEY}). */
    static String toPem(PrivateKey key) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * Proves the key belongs to the certificate by signing and verifying a probe: a mismatch would
     * otherwise show up as an obscure TLS or token failure at the CA.
     */
    static void requireMatching(X509Certificate certificate, PrivateKey key, Path crt, Path keyFile) {
        String algorithm;
        switch (TokenFactory.algorithm(certificate.getPublicKey())) {
            case "ES256":
            case "ES384":
            case "ES512":
                algorithm = "SHA256withECDSA";
                break;
            case "RS256":
                algorithm = "SHA256withRSA";
                break;
            default:
                algorithm = "Ed25519";
        }
        try {
            byte[] probe = "stile key check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            java.security.Signature signer = java.security.Signature.getInstance(algorithm, BouncyCastle.provider());
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            java.security.Signature verifier = java.security.Signature.getInstance(algorithm, BouncyCastle.provider());
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            if (verifier.verify(signature)) {
                return;
            }
        } catch (java.security.GeneralSecurityException | RuntimeException e) {
            // Wrong key type for the certificate: the same answer as a wrong key.
        }
        throw CliException.usage(keyFile + " is not the private key of the certificate in " + crt);
    }

    static List<X509Certificate> parseCertificates(String pem, String source) {
        try {
            return KeyMaterial.parseCertificates(pem, source);
        } catch (KeyMaterialException e) {
            throw CliException.refused(e.getMessage(), e);
        }
    }
}
