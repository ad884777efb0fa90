package dev.stile.authority;

import java.math.BigInteger;
import java.security.SecureRandom;

/**
 * Certificate serial numbers: 128 random bits with bit 128 set, so every serial is positive,
 * never zero, always 17 DER octets (within RFC 5280 4.1.2.2's 20) and carries 128 bits of entropy.
 */
public final class Serials {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final BigInteger MARKER = BigInteger.ONE.shiftLeft(128);

    private Serials() {
    }

    public static BigInteger random() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return new BigInteger(1, bytes).or(MARKER);
    }

    /** The inventory's form: lower-case hex without leading zeros. */
    public static String toHex(BigInteger serial) {
        return serial.toString(16);
    }
}
