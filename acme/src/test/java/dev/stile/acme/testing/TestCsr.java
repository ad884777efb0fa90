package dev.stile.acme.testing;

import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;

/** Builds PKCS#10 CSRs for finalize tests. */
public final class TestCsr {

    private TestCsr() {
    }

    /**
     * @param key   the key pair to certify and sign with
     * @param cn    subject CN or {@code null}
     * @param names SANs; values that look like IPv4 (digits and dots) become IP SANs
     */
    public static byte[] of(KeyPair key, String cn, String... names) {
        try {
            X500Name subject = new X500Name(cn == null ? "O=Test" : "CN=" + cn);
            JcaPKCS10CertificationRequestBuilder b = new JcaPKCS10CertificationRequestBuilder(subject, key.getPublic());
            if (names.length > 0) {
                List<GeneralName> gns = new ArrayList<>();
                for (String n : names) {
                    gns.add(new GeneralName(n.matches("[0-9.]+") || n.contains(":") ? GeneralName.iPAddress : GeneralName.dNSName, n));
                }
                ExtensionsGenerator ext = new ExtensionsGenerator();
                ext.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(gns.toArray(new GeneralName[0])));
                b.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, ext.generate());
            }
            String alg = key.getPublic().getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
            return b.build(new JcaContentSignerBuilder(alg).build(key.getPrivate())).getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
