package dev.stile.bench.jmh;

import dev.stile.acme.nonce.NonceRedeemer;

/**
 * Accepts every nonce, so one pre-signed JWS can be verified again and again: the benchmark then
 * measures parsing and the signature check, not a nonce lookup.
 */
final class AlwaysFreshNonces implements NonceRedeemer {

    @Override
    public boolean redeem(String nonce) {
        return true;
    }
}
