package dev.stile.cli.ca;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** RFC 5280 section 5.3.1 CRLReason codes, by number or by name as step accepts them. */
final class RevocationReasons {

    private static final Map<String, Integer> BY_NAME = new LinkedHashMap<>();

    static {
        BY_NAME.put("unspecified", 0);
        BY_NAME.put("keycompromise", 1);
        BY_NAME.put("cacompromise", 2);
        BY_NAME.put("affiliationchanged", 3);
        BY_NAME.put("superseded", 4);
        BY_NAME.put("cessationofoperation", 5);
        BY_NAME.put("certificatehold", 6);
        BY_NAME.put("removefromcrl", 8);
        BY_NAME.put("privilegewithdrawn", 9);
        BY_NAME.put("aacompromise", 10);
    }

    private RevocationReasons() {
    }

    /** @throws CliException (usage) when the value is neither 0..10 (not 7) nor a reason name */
    static int parse(String value) {
        if (value == null) {
            return 0;
        }
        String v = value.trim();
        if (v.matches("\\d{1,2}")) {
            int code = Integer.parseInt(v);
            if (code <= 10 && code != 7) {
                return code;
            }
        } else {
            Integer code = BY_NAME.get(v.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "").replace(" ", ""));
            if (code != null) {
                return code;
            }
        }
        throw CliException.usage("--reasonCode \"" + value + "\" is not an RFC 5280 reason: use 0-10 (not 7) or one of "
                + "unspecified, keyCompromise, cACompromise, affiliationChanged, superseded, cessationOfOperation, "
                + "certificateHold, removeFromCRL, privilegeWithdrawn, aACompromise");
    }
}
