package dev.stile.authority.crypto;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.jose4j.jca.ProviderContext;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.security.Provider;
import java.security.Security;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which JCA provider makes and checks Stile's signatures. BouncyCastle is always registered (at the
 * end of the list) and serves everything; a native provider (Amazon Corretto Crypto Provider,
 * AWS-LC) can be put in front of it with {@link #useNative} and then serves ECDSA and RSA PKCS#1
 * v1.5 signatures with keys it holds itself ({@link NativeKeys}) and, as the first provider of the
 * JVM, hashing, AES-GCM, key agreement and TLS. Ed25519/Ed448 and RSA-PSS stay on BouncyCastle:
 * the native provider rejects BouncyCastle's EdDSA key objects and knows no Ed448.
 *
 * <p>Every place that used to pin "BC" asks this class instead, so the choice is made once.
 */
public final class CryptoProviders {

    /** ECDSA and RSA PKCS#1 v1.5 with SHA-1/SHA-2: what the native provider does for us. */
    private static final Pattern NATIVE_SIGNATURES =
            Pattern.compile("SHA(1|224|256|384|512)WITH(ECDSA|RSA)", Pattern.CASE_INSENSITIVE);
    private static final Set<String> NATIVE_JWS = Set.of("ES256", "ES384", "ES512", "RS256", "RS384", "RS512");
    private static final Set<ASN1ObjectIdentifier> NATIVE_SIGNATURE_OIDS = Set.of(
            X9ObjectIdentifiers.ecdsa_with_SHA256, X9ObjectIdentifiers.ecdsa_with_SHA384,
            X9ObjectIdentifiers.ecdsa_with_SHA512, PKCSObjectIdentifiers.sha256WithRSAEncryption,
            PKCSObjectIdentifiers.sha384WithRSAEncryption, PKCSObjectIdentifiers.sha512WithRSAEncryption);

    private static final Provider BC = registerBouncyCastle();
    private static volatile Provider nativeProvider;

    private CryptoProviders() {
    }

    private static synchronized Provider registerBouncyCastle() {
        Provider existing = Security.getProvider(BouncyCastleProvider.PROVIDER_NAME);
        if (existing != null) {
            return existing;
        }
        Provider bc = new BouncyCastleProvider();
        Security.addProvider(bc);
        return bc;
    }

    /** The registered BouncyCastle provider (always present). */
    public static Provider bouncyCastle() {
        return BC;
    }

    /**
     * Puts a native provider first in the JVM's list and uses it from now on. The caller has
     * checked that it loaded and passed its self-test. Calling it again with the same provider
     * does nothing.
     */
    public static synchronized void useNative(Provider provider) {
        if (Security.getProvider(provider.getName()) == null) {
            Security.insertProviderAt(provider, 1);
        }
        nativeProvider = provider;
    }

    /** The native provider in use, or null when BouncyCastle serves signatures. */
    public static Provider nativeOrNull() {
        return nativeProvider;
    }

    /** The provider serving ECDSA/RSA signatures: the native one when in use, else BouncyCastle. */
    public static Provider signatures() {
        Provider p = nativeProvider;
        return p != null ? p : BC;
    }

    /** Name of {@link #signatures()}, e.g. {@code AmazonCorrettoCryptoProvider} or {@code BC}. */
    public static String signatureProviderName() {
        return signatures().getName();
    }

    /**
     * The provider for a JCA signature algorithm name such as {@code SHA256withECDSA} with this
     * key: the native one only when it serves the algorithm and the key is already its own (see
     * {@link NativeKeys}); a BouncyCastle key, e.g. with explicit curve parameters, stays on BouncyCastle.
     */
    public static Provider forSignature(String jcaAlgorithm, Key key) {
        Provider p = nativeProvider;
        return p != null && NATIVE_SIGNATURES.matcher(jcaAlgorithm).matches() && NativeKeys.isNative(key) ? p : BC;
    }

    /**
     * The provider that checks a signature of this algorithm made by the key in {@code spki}
     * (CSRs): native for ECDSA/RSA PKCS#1 with a named curve or an RSA key, else BouncyCastle,
     * which also reads the explicit curve parameters the native one rejects.
     */
    public static Provider forSignature(ASN1ObjectIdentifier algorithm, SubjectPublicKeyInfo spki) {
        Provider p = nativeProvider;
        return p != null && NATIVE_SIGNATURE_OIDS.contains(algorithm) && NativeKeys.nativeReadable(spki) ? p : BC;
    }

    /**
     * What checks a CSR's (or any PKCS#10-style) signature of this algorithm by the key in
     * {@code spki}, from the provider {@link #forSignature(ASN1ObjectIdentifier, SubjectPublicKeyInfo)}
     * picks. The native provider knows no key algorithm OIDs, so its key is built here; a key it
     * refuses (e.g. a short RSA modulus) is handed to BouncyCastle, so that the key policy, not
     * the provider, decides and words the refusal as before.
     */
    public static ContentVerifierProvider verifierFor(ASN1ObjectIdentifier algorithm, SubjectPublicKeyInfo spki)
            throws OperatorCreationException {
        Provider p = forSignature(algorithm, spki);
        if (p != BC) {
            try {
                String keyAlgorithm = X9ObjectIdentifiers.id_ecPublicKey.equals(spki.getAlgorithm().getAlgorithm())
                        ? "EC" : "RSA";
                PublicKey key = KeyFactory.getInstance(keyAlgorithm, p)
                        .generatePublic(new X509EncodedKeySpec(spki.getEncoded()));
                return new JcaContentVerifierProviderBuilder().setProvider(p).build(key);
            } catch (GeneralSecurityException | IOException | RuntimeException e) {
                // falls through to BouncyCastle
            }
        }
        return new JcaContentVerifierProviderBuilder().setProvider(BC).build(spki);
    }

    /** The provider for a JWS algorithm ({@code ES256}, {@code EdDSA}, ...) with this key. */
    public static Provider forJws(String jwsAlgorithm, Key key) {
        Provider p = nativeProvider;
        return p != null && jwsAlgorithm != null && NATIVE_JWS.contains(jwsAlgorithm) && NativeKeys.isNative(key)
                ? p : BC;
    }

    /**
     * A jose4j context whose operations use the provider for {@code jwsAlgorithm} and {@code key}
     * (pass the key through {@link NativeKeys#forVerifying} first).
     */
    public static ProviderContext joseContext(String jwsAlgorithm, Key key) {
        ProviderContext ctx = new ProviderContext();
        String name = forJws(jwsAlgorithm, key).getName();
        ctx.getSuppliedKeyProviderContext().setGeneralProvider(name);
        ctx.getGeneralProviderContext().setGeneralProvider(name);
        return ctx;
    }
}
