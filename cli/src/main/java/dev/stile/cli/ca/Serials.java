package dev.stile.cli.ca;

import java.math.BigInteger;
import java.util.Locale;

/** Certificate serial numbers as step reads them: decimal, or hex with a {@code 0x} prefix. */
final class Serials {

    private Serials() {
    }

    /** @throws CliException (usage) when the text is not a serial number */
    static String toDecimal(String serial, String what) {
        String s = serial.trim().toLowerCase(Locale.ROOT);
        try {
            BigInteger value = s.startsWith("0x") ? new BigInteger(s.substring(2), 16) : new BigInteger(s, 10);
            if (value.signum() < 0) {
                throw new NumberFormatException("negative");
            }
            return value.toString();
        } catch (NumberFormatException e) {
            throw CliException.usage(what + " \"" + serial + "\" is not a serial number (decimal, or hex with 0x)");
        }
    }
}
