package dev.stile.bench.load;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.List;

/** An SSL context trusting only the given PEM certificates (the CA's root, pebble's test CA). */
final class Trust {

    private Trust() {
    }

    static SSLContext of(List<Path> pemFiles) throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        int n = 0;
        for (Path file : pemFiles) {
            try (InputStream in = Files.newInputStream(file)) {
                for (Certificate c : cf.generateCertificates(in)) {
                    store.setCertificateEntry("trusted-" + n++, c);
                }
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException("no certificate in " + pemFiles);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }
}
