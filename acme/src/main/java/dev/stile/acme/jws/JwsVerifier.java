package dev.stile.acme.jws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stile.authority.crypto.BouncyCastle;
import dev.stile.authority.crypto.CryptoProviders;
import dev.stile.authority.crypto.NativeKeys;
import dev.stile.acme.model.Account;
import dev.stile.acme.model.KeyAuthorization;
import dev.stile.acme.nonce.NonceRedeemer;
import dev.stile.acme.problem.AcmeException;
import dev.stile.acme.problem.AcmeProblem;
import dev.stile.acme.store.AccountStore;
import org.jose4j.jca.ProviderContext;
import org.jose4j.jwa.AlgorithmFactory;
import org.jose4j.jwa.AlgorithmFactoryFactory;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.JsonWebSignatureAlgorithm;
import org.jose4j.lang.JoseException;

import java.security.PublicKey;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Verifies the JWS of every ACME POST (RFC 8555 §6.2–§6.5), in this order: content type, body
 * size, JSON serialization, algorithm allow-list, {@code jwk} xor {@code kid} per {@link AuthMode},
 * {@code url}, nonce (redeemed once), account, key policy, signature. Each failure is an
 * {@link AcmeException} with the RFC's problem type. Signatures are checked by the provider
 * {@link CryptoProviders#forJws} picks (the native one for ES and RS algorithms when it is in use,
 * else BouncyCastle).
 */
public final class JwsVerifier {

    /** Bodies above this are refused before parsing; real ACME requests are a few KiB at most. */
    public static final int DEFAULT_MAX_BODY = 64 * 1024;
    static final String JOSE_JSON = "application/jose+json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AlgorithmFactory<JsonWebSignatureAlgorithm> SIGNATURE_ALGORITHMS =
            AlgorithmFactoryFactory.getInstance().getJwsAlgorithmFactory();

    private final NonceRedeemer nonces;
    private final AccountStore accounts;
    private final int maxBody;
    private final String providerName;
    private final AccountKeys accountKeys;

    public JwsVerifier(NonceRedeemer nonces, AccountStore accounts) {
        this(nonces, accounts, DEFAULT_MAX_BODY, null);
    }

    /**
     * With an explicit body limit and JCA provider name (tests and benchmarks prove the provider is
     * used); a null name lets {@link CryptoProviders} pick per algorithm, as in production.
     */
    public JwsVerifier(NonceRedeemer nonces, AccountStore accounts, int maxBody, String providerName) {
        this.nonces = nonces;
        this.accounts = accounts;
        this.maxBody = maxBody;
        this.providerName = providerName;
        this.accountKeys = new AccountKeys(providerName);
        if (BouncyCastle.NAME.equals(providerName)) {
            BouncyCastle.provider();
        }
    }

    /** The JCA provider signature checks use ({@code BC} in production). */
    public String providerName() {
        return providerName != null ? providerName : CryptoProviders.signatureProviderName();
    }

    /** The largest body accepted, in bytes. */
    public int maxBody() {
        return maxBody;
    }

    public VerifiedRequest verify(JwsRequest request, AuthMode mode) {
        checkContentType(request.contentType());
        if (request.body().length > maxBody) {
            // 413 (RFC 9110 §15.5.14) with the malformed type: the body is refused for its size alone.
            throw new AcmeException(new dev.stile.acme.problem.ProblemDocument(AcmeProblem.MALFORMED.type(),
                    "the request body has " + request.body().length + " bytes; the limit is " + maxBody, 413, null,
                    java.util.List.of()));
        }
        FlattenedJws jws = FlattenedJws.parse(request.body());
        String alg = jws.headerText("alg");
        KeyPolicy.checkAlgorithm(alg);
        JsonNode jwkNode = jws.header().get("jwk");
        String kid = jws.headerText("kid");
        checkKeyReference(mode, jwkNode != null, kid != null);
        String url = jws.headerText("url");
        if (url == null || !url.equals(request.url())) {
            throw new AcmeException(AcmeProblem.UNAUTHORIZED.withDetail("the JWS url header "
                    + (url == null ? "is missing" : "\"" + url + "\"") + " does not equal the request URL \""
                    + request.url() + "\""));
        }
        String nonce = jws.headerText("nonce");
        if (nonce == null || !nonces.redeem(nonce)) {
            throw new AcmeException(AcmeProblem.BAD_NONCE.withDetail(nonce == null
                    ? "the JWS has no nonce header; get one from newNonce"
                    : "the nonce was already used, has expired or was never issued; retry with the Replay-Nonce of this response"));
        }
        Optional<Account> account = Optional.empty();
        PublicJsonWebKey key;
        if (kid != null) {
            Account acc = accountFor(kid, request);
            account = Optional.of(acc);
            key = accountKeys.keyOf(acc);
            KeyPolicy.check(key, alg);
        } else {
            key = KeyPolicy.parseAndCheck(toMap(jwkNode), alg);
        }
        checkSignature(jws, key, alg);
        return new VerifiedRequest(account, key, account.map(Account::jwkThumbprint)
                .orElseGet(() -> KeyAuthorization.thumbprint(key)), jws.payload(), request.url(), kid);
    }

    private static void checkContentType(String contentType) {
        String base = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!JOSE_JSON.equals(base)) {
            throw AcmeException.malformed("the Content-Type must be application/jose+json, not "
                    + (contentType == null ? "missing" : "\"" + contentType + "\""));
        }
    }

    private static void checkKeyReference(AuthMode mode, boolean hasJwk, boolean hasKid) {
        if (hasJwk == hasKid) {
            throw AcmeException.malformed("the JWS protected header must contain exactly one of \"jwk\" and \"kid\"");
        }
        if (mode == AuthMode.JWK && !hasJwk) {
            throw AcmeException.malformed("this request must be signed with a \"jwk\" header, not \"kid\"");
        }
        if (mode == AuthMode.KID && !hasKid) {
            throw AcmeException.malformed("this request must be signed by an account (\"kid\" header), not \"jwk\"");
        }
    }

    private Account accountFor(String kid, JwsRequest request) {
        if (!kid.startsWith(request.accountUrlPrefix()) || kid.length() == request.accountUrlPrefix().length()) {
            throw new AcmeException(AcmeProblem.ACCOUNT_DOES_NOT_EXIST.withDetail(
                    "the kid \"" + kid + "\" is not an account URL of this server (" + request.accountUrlPrefix() + "...)"));
        }
        String id = kid.substring(request.accountUrlPrefix().length());
        Account acc = accounts.findById(id)
                .filter(a -> request.provisioner().equals(a.provisioner()))
                .orElseThrow(() -> new AcmeException(AcmeProblem.ACCOUNT_DOES_NOT_EXIST.withDetail(
                        "no account " + id + " exists on provisioner " + request.provisioner())));
        if (!acc.isValid()) {
            throw AcmeException.unauthorized("account " + id + " is " + acc.status().token() + " and can no longer be used");
        }
        return acc;
    }

    /**
     * Checks the signature with jose4j's algorithm for {@code alg} directly, over the protected
     * header and payload exactly as sent: building a {@code JsonWebSignature} from the compact
     * form would parse the header (already parsed by {@link FlattenedJws}) and decode the payload a
     * second time on every request. The checks that object adds are kept: the key must suit the
     * algorithm, and a {@code crit} header (no extension is understood) is refused.
     */
    private void checkSignature(FlattenedJws flat, PublicJsonWebKey key, String alg) {
        if (flat.header().has("crit")) {
            throw AcmeException.malformed("the JWS protected header has \"crit\"; this server understands no JWS extension");
        }
        PublicKey checking = providerName != null ? key.getPublicKey() : NativeKeys.forVerifying(key.getPublicKey());
        ProviderContext context = providerName != null ? BouncyCastle.joseContext(providerName)
                : CryptoProviders.joseContext(alg, checking);
        boolean ok;
        try {
            JsonWebSignatureAlgorithm algorithm = SIGNATURE_ALGORITHMS.getAlgorithm(alg);
            algorithm.validateVerificationKey(checking);
            ok = algorithm.verifySignature(flat.signature(), checking, flat.signingInput(), context);
        } catch (JoseException e) {
            throw AcmeException.malformed("the JWS signature cannot be checked: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            // BouncyCastle validates the key only when verifying starts, e.g. an RSA modulus with a
            // small prime factor (found by JwsEnvelopeFuzzer): a bad key, not a server failure.
            throw new AcmeException(AcmeProblem.BAD_PUBLIC_KEY, "the jwk cannot verify signatures: " + e.getMessage());
        }
        if (!ok) {
            throw AcmeException.malformed("the JWS signature does not verify with the " + alg + " key");
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> toMap(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw AcmeException.malformed("the jwk header is not a JSON object");
        }
        return JSON.convertValue(node, Map.class);
    }
}
