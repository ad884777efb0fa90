package dev.stile.authority.keys;

import dev.stile.authority.crypto.BouncyCastle;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * Reads and writes certificates and private keys as PEM, in every format step-ca writes or
 * accepts (step-ca-api.md 5.4): legacy OpenSSL-encrypted PEM ({@code Proc-Type: 4,ENCRYPTED}),
 * PKCS#8 {@code ENCRYPTED PRIVATE KEY}, and unencrypted PKCS#8, SEC1 and PKCS#1.
 * Every error message names the file.
 */
public final class KeyMaterial {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    /** Base64 characters per PEM line (RFC 7468, as OpenSSL and BouncyCastle write). */
    private static final int PEM_LINE = 64;

    private KeyMaterial() {
    }

    /** Reads all certificates of a PEM file, in file order; at least one must be present. */
    public static List<X509Certificate> readCertificates(Path file) {
        List<X509Certificate> certificates = parseCertificates(readText(file), file.toString());
        if (certificates.isEmpty()) {
            throw new KeyMaterialException(file + " contains no PEM certificate");
        }
        return certificates;
    }

    /**
     * Parses all certificates of a PEM text; other PEM blocks are skipped.
     *
     * @param source what to call the text in error messages (a file name, "request body", ...)
     */
    public static List<X509Certificate> parseCertificates(String pem, String source) {
        List<X509Certificate> certificates = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object item;
            while ((item = parser.readObject()) != null) {
                if (item instanceof X509CertificateHolder) {
                    certificates.add(converter.getCertificate((X509CertificateHolder) item));
                }
            }
        } catch (IOException | CertificateException | RuntimeException e) {
            throw new KeyMaterialException(source + " is not a valid PEM certificate file: " + e.getMessage(), e);
        }
        return certificates;
    }

    /**
     * Reads the first private key of a PEM file.
     *
     * @param password the password for an encrypted key; may be {@code null} for unencrypted keys
     */
    public static PrivateKey readPrivateKey(Path file, char[] password) {
        return parsePrivateKey(readText(file), password, file.toString());
    }

    /** Parses the first private key of a PEM text; see {@link #readPrivateKey(Path, char[])}. */
    public static PrivateKey parsePrivateKey(String pem, char[] password, String source) {
        Object item;
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            do {
                item = parser.readObject();
            } while (item != null && !isPrivateKey(item));
        } catch (IOException | RuntimeException e) {
            throw new KeyMaterialException(source + " is not a valid PEM private key file: " + e.getMessage(), e);
        }
        if (item == null) {
            throw new KeyMaterialException(source + " contains no PEM private key");
        }
        return toPrivateKey(item, password, source);
    }

    private static boolean isPrivateKey(Object item) {
        return item instanceof PEMEncryptedKeyPair || item instanceof PEMKeyPair
                || item instanceof PrivateKeyInfo || item instanceof PKCS8EncryptedPrivateKeyInfo;
    }

    private static PrivateKey toPrivateKey(Object item, char[] password, String source) {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter().setProvider(BouncyCastle.provider());
        try {
            if (item instanceof PEMKeyPair) {
                return converter.getPrivateKey(((PEMKeyPair) item).getPrivateKeyInfo());
            }
            if (item instanceof PrivateKeyInfo) {
                return converter.getPrivateKey((PrivateKeyInfo) item);
            }
        } catch (IOException | RuntimeException e) {
            throw new KeyMaterialException(source + " holds a private key Stile cannot use: " + e.getMessage(), e);
        }
        if (password == null || password.length == 0) {
            throw new KeyMaterialException(source + " is encrypted but no password was given");
        }
        PrivateKeyInfo info;
        try {
            if (item instanceof PEMEncryptedKeyPair) {
                info = ((PEMEncryptedKeyPair) item)
                        .decryptKeyPair(new JcePEMDecryptorProviderBuilder().setProvider(BouncyCastle.provider())
                                .build(password))
                        .getPrivateKeyInfo();
            } else {
                info = ((PKCS8EncryptedPrivateKeyInfo) item).decryptPrivateKeyInfo(
                        new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(BouncyCastle.provider())
                                .build(password));
            }
            return converter.getPrivateKey(info);
        } catch (Exception e) {
            // A wrong password shows up as a padding error or as garbage that is not DER; either
            // way the operator's next step is to check the password.
            throw new KeyMaterialException("cannot decrypt the private key in " + source
                    + ": wrong password, or the file is damaged", e);
        }
    }

    /** PEM of one certificate. */
    public static String toPem(X509Certificate certificate) {
        return toPem(List.of(certificate));
    }

    /** PEM of several certificates, concatenated in order. */
    public static String toPem(List<X509Certificate> certificates) {
        StringBuilder out = new StringBuilder(certificates.size() * 1_024);
        for (X509Certificate certificate : certificates) {
            try {
                appendPem(out, certificate.getEncoded());
            } catch (CertificateEncodingException e) {
                throw new IllegalArgumentException("cannot encode certificate " + certificate.getSubjectX500Principal(), e);
            }
        }
        return out.toString();
    }

    /** PEM of one certificate given as DER, the same text {@link #toPem(List)} writes for it. */
    public static String certificatePem(byte[] der) {
        return appendPem(new StringBuilder(1_024), der).toString();
    }

    private static StringBuilder appendPem(StringBuilder out, byte[] der) {
        // The same text as BouncyCastle's JcaPEMWriter (64-character lines, a line separator after
        // each), written without it: every /1.0/sign and ACME certificate response writes several
        // PEMs, and each JcaPEMWriter allocates an 8,192-character buffer (JFR: ~10 % of the
        // server's allocation under /sign load).
        String nl = System.lineSeparator();
        String base64 = Base64.getEncoder().encodeToString(der);
        out.append("-----BEGIN CERTIFICATE-----").append(nl);
        for (int i = 0; i < base64.length(); i += PEM_LINE) {
            out.append(base64, i, Math.min(base64.length(), i + PEM_LINE)).append(nl);
        }
        return out.append("-----END CERTIFICATE-----").append(nl);
    }

    /**
     * PEM of a private key encrypted as {@code step ca init} does: legacy OpenSSL PEM
     * ({@code EC PRIVATE KEY} / {@code RSA PRIVATE KEY}) with {@code DEK-Info: AES-256-CBC}.
     */
    public static String toEncryptedPem(PrivateKey key, char[] password) {
        if (password == null || password.length == 0) {
            throw new IllegalArgumentException("a non-empty password is required to encrypt a private key");
        }
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(key, new JcePEMEncryptorBuilder("AES-256-CBC")
                    .setProvider(BouncyCastle.provider())
                    .setSecureRandom(new SecureRandom())
                    .build(password));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Writes certificates as PEM (world-readable is fine for certificates). */
    public static void writeCertificates(Path file, List<X509Certificate> certificates) {
        try {
            Files.writeString(file, toPem(certificates), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new KeyMaterialException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes an encrypted private key to a new file with mode 0600. The file is created with that
     * mode, so the key is never readable by others, not even for an instant.
     */
    public static void writeEncryptedPrivateKey(Path file, PrivateKey key, char[] password) {
        writeSecret(file, toEncryptedPem(key, password));
    }

    /** Writes text (UTF-8; PEM is ASCII) to a new file created with mode 0600 (POSIX file systems). */
    public static void writeSecret(Path file, String text) {
        try {
            if (Files.getFileStore(file.toAbsolutePath().getParent()).supportsFileAttributeView("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } else {
                Files.createFile(file);
            }
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (FileAlreadyExistsException e) {
            throw new KeyMaterialException("cannot write " + file + ": the file already exists", e);
        } catch (IOException e) {
            throw new KeyMaterialException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static String readText(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            StringBuilder text = new StringBuilder();
            char[] buffer = new char[8192];
            int n;
            while ((n = reader.read(buffer)) >= 0) {
                text.append(buffer, 0, n);
                if (text.length() > MAX_PEM_CHARS) {
                    throw new KeyMaterialException(file + " is larger than " + MAX_PEM_CHARS
                            + " characters; it is not a certificate or key file");
                }
            }
            return text.toString();
        } catch (NoSuchFileException e) {
            throw new KeyMaterialException(file + " does not exist", e);
        } catch (IOException e) {
            throw new KeyMaterialException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Certificate bundles and keys are a few kB; anything far larger is a wrong path. */
    private static final int MAX_PEM_CHARS = 4 * 1024 * 1024;
}
