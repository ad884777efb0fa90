package dev.stile.admin.inventory;

import java.math.BigInteger;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The stored forms (lower-case hex, no leading zeros) a serial typed by a person may mean. `step`
 * and `stile ca` print serials in decimal, openssl and the CRL in hex, so a string of digits is
 * looked up both ways; {@code 0x...}, colons or letters a-f make it hex only.
 */
public final class SerialForms {

    private SerialForms() {
    }

    /**
     * @throws IllegalArgumentException when the text is neither a decimal nor a hex number
     */
    public static List<String> candidates(String typed) {
        String s = typed.trim().toLowerCase(Locale.ROOT);
        boolean explicitHex = s.startsWith("0x");
        if (explicitHex) {
            s = s.substring(2);
        }
        s = s.replace(":", "");
        if (s.isEmpty() || s.length() > 128 || !s.matches("[0-9a-f]+")) {
            throw new IllegalArgumentException("serial \"" + typed + "\" is neither a decimal nor a hex number");
        }
        Set<String> forms = new LinkedHashSet<>();
        forms.add(stripZeros(s));
        if (!explicitHex && typed.indexOf(':') < 0 && s.matches("[0-9]+")) {
            forms.add(new BigInteger(s).toString(16));
        }
        return List.copyOf(forms);
    }

    private static String stripZeros(String hex) {
        int i = 0;
        while (i < hex.length() - 1 && hex.charAt(i) == '0') {
            i++;
        }
        return hex.substring(i);
    }
}
