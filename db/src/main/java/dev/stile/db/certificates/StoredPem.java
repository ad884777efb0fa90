package dev.stile.db.certificates;

import dev.stile.authority.keys.KeyMaterial;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Base64;

/**
 * The certificate column pair of {@code certificates} (V22): a certificate is stored as DER in
 * {@code der} when its PEM is exactly one CERTIFICATE block that the DER rebuilds byte for byte,
 * otherwise as text in {@code pem} (rows written before V22 too). Reading prefers {@code der}.
 */
public final class StoredPem {

    private static final String BEGIN = "-----BEGIN CERTIFICATE-----\n";
    private static final String END = "-----END CERTIFICATE-----\n";

    private StoredPem() {
    }

    /** Sets the {@code pem} and {@code der} parameters of an insert from a record's PEM. */
    static void bind(PreparedStatement ps, int pemIndex, int derIndex, String pem) throws SQLException {
        byte[] der = derOf(pem);
        if (der == null) {
            ps.setString(pemIndex, pem);
            ps.setNull(derIndex, Types.VARBINARY);
        } else {
            ps.setNull(pemIndex, Types.VARCHAR);
            ps.setBytes(derIndex, der);
        }
    }

    /** The PEM of a row: rebuilt from {@code der} when set, else the stored text. */
    public static String read(ResultSet rs) throws SQLException {
        byte[] der = rs.getBytes("der");
        return der != null ? pemOf(der) : rs.getString("pem");
    }

    /** The DER of a single-certificate PEM that {@link #pemOf} rebuilds exactly, else {@code null}. */
    static byte[] derOf(String pem) {
        if (pem == null || !pem.startsWith(BEGIN) || !pem.endsWith(END)
                || pem.length() <= BEGIN.length() + END.length()) {
            return null;
        }
        String body = pem.substring(BEGIN.length(), pem.length() - END.length());
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            return null;
        }
        return der.length > 0 && pemOf(der).equals(pem) ? der : null;
    }

    /** PEM as the CA writes it ({@link KeyMaterial#certificatePem}). */
    static String pemOf(byte[] der) {
        return KeyMaterial.certificatePem(der);
    }
}
