package dev.stile.acme.nonce;

/**
 * What the JWS verifier needs of nonces: redeem one, once. {@link NonceService} in production;
 * fuzzers and benchmarks that replay one request accept every nonce.
 */
@FunctionalInterface
public interface NonceRedeemer {

    /** True exactly once for a nonce this CA issued and that has not expired. */
    boolean redeem(String nonce);
}
