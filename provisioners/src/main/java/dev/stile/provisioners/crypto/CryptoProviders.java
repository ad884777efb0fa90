package dev.stile.provisioners.crypto;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.jose4j.jca.ProviderContext;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Provider;
import java.security.Security;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which JCA provider does Stile's signatures and key generation. BouncyCastle is always registered
 * (at the end of the list) and serves everything; a native provider (Amazon Corretto Crypto
 * Provider, AWS-LC) can be put in front of it with {@link #useNative} and then serves ECDSA and
 * RSA PKCS#1 v1.5 signatures, EC/RSA key generation and, as the first provider of the JVM,
 * hashing, AES-GCM and TLS. Ed25519/Ed448 and RSA-PSS stay on BouncyCastle: the native provider
 * rejects BouncyCastle's EdDSA key objects and knows no Ed448.
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

    /** The provider for a JCA signature algorithm name such as {@code SHA256withECDSA} or {@code Ed25519}. */
    public static Provider forSignature(String jcaAlgorithm) {
        Provider p = nativeProvider;
        return p != null && NATIVE_SIGNATURES.matcher(jcaAlgorithm).matches() ? p : BC;
    }

    /** The provider that checks a signature made with the algorithm of this OID (CSRs, certificates). */
    public static Provider forSignature(ASN1ObjectIdentifier algorithm) {
        Provider p = nativeProvider;
        return p != null && NATIVE_SIGNATURE_OIDS.contains(algorithm) ? p : BC;
    }

    /** The provider for a JWS algorithm ({@code ES256}, {@code EdDSA}, ...). */
    public static Provider forJws(String jwsAlgorithm) {
        Provider p = nativeProvider;
        return p != null && jwsAlgorithm != null && NATIVE_JWS.contains(jwsAlgorithm) ? p : BC;
    }

    /** The provider that generates key pairs of this algorithm ({@code EC}, {@code RSA}, {@code Ed25519}). */
    public static Provider forKeyGeneration(String keyAlgorithm) {
        Provider p = nativeProvider;
        String a = keyAlgorithm.toUpperCase(Locale.ROOT);
        return p != null && (a.equals("EC") || a.equals("RSA")) ? p : BC;
    }

    /**
     * A jose4j context whose signatures and key factories use the provider for {@code jwsAlgorithm};
     * ciphers, digests and the rest stay on BouncyCastle as before.
     */
    public static ProviderContext joseContext(String jwsAlgorithm) {
        return pinnedContext(forJws(jwsAlgorithm).getName());
    }

    private static ProviderContext pinnedContext(String providerName) {
        ProviderContext ctx = new ProviderContext();
        ctx.getSuppliedKeyProviderContext().setGeneralProvider(providerName);
        ctx.getGeneralProviderContext().setGeneralProvider(providerName);
        return ctx;
    }

    /**
     * The key as an object of the native provider, so that signing with it does not re-parse its
     * encoding on every call; the key itself when BouncyCastle serves or the native provider
     * cannot take it (e.g. Ed25519).
     */
    public static PrivateKey forSigning(PrivateKey key) {
        Provider p = nativeProvider;
        String alg = key.getAlgorithm();
        if (p == null || !(alg.equals("EC") || alg.equals("RSA"))) {
            return key;
        }
        try {
            return (PrivateKey) translate(KeyFactory.getInstance(alg, p), key);
        } catch (GeneralSecurityException e) {
            return key;
        }
    }

    /**
     * The JWK with its EC or RSA public key as an object of the native provider (kept in caches,
     * so checks do not re-parse it); the JWK itself otherwise.
     */
    public static PublicJsonWebKey forVerifying(PublicJsonWebKey jwk) {
        Provider p = nativeProvider;
        PublicKey key = jwk.getPublicKey();
        String alg = key.getAlgorithm();
        if (p == null || !(alg.equals("EC") || alg.equals("RSA"))) {
            return jwk;
        }
        try {
            PublicJsonWebKey translated = PublicJsonWebKey.Factory.newPublicJwk(
                    (PublicKey) translate(KeyFactory.getInstance(alg, p), key));
            translated.setKeyId(jwk.getKeyId());
            translated.setAlgorithm(jwk.getAlgorithm());
            translated.setUse(jwk.getUse());
            return translated;
        } catch (GeneralSecurityException | JoseException e) {
            return jwk;
        }
    }

    private static Key translate(KeyFactory factory, Key key) throws GeneralSecurityException {
        return factory.translateKey(key);
    }
}
