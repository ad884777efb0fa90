/**
 * JMH benchmarks of the building blocks (JWS verify, CSR verify, ECDSA, issuance, rate buckets)
 * with the crypto provider as a parameter. Test-only code; may import anything.
 */
package dev.stile.bench.jmh;
