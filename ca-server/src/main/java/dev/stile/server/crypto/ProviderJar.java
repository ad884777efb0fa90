package dev.stile.server.crypto;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.security.Provider;

/**
 * Loads Amazon Corretto Crypto Provider from its jar with a class loader of its own (the jar is
 * not on the class path: which one fits depends on the machine) and accepts it only when its
 * native library loaded and its self-test passed. Reflection keeps Stile free of a compile-time
 * dependency on a jar that is absent on other platforms.
 */
final class ProviderJar implements NativeCrypto.Loader {

    static final String PROVIDER_CLASS = "com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider";

    @Override
    public Provider load(Path jar) throws Exception {
        // Never closed: the provider's classes and native library live as long as the process.
        URLClassLoader loader = new URLClassLoader(new URL[]{jar.toUri().toURL()}, NativeCrypto.class.getClassLoader());
        Class<?> type = Class.forName(PROVIDER_CLASS, true, loader);
        Provider provider = (Provider) type.getField("INSTANCE").get(null);
        Object loadingError = type.getMethod("getLoadingError").invoke(provider);
        if (loadingError instanceof Throwable t) {
            throw new IllegalStateException("its native library did not load: " + NativeCrypto.oneLine(t), t);
        }
        // assertHealthy runs the self-tests if they have not run yet and throws unless they passed.
        type.getMethod("assertHealthy").invoke(provider);
        Method status = type.getMethod("getSelfTestStatus");
        String result = String.valueOf(status.invoke(provider));
        if (!"PASSED".equals(result)) {
            throw new IllegalStateException("its self-test status is " + result + ", not PASSED");
        }
        return provider;
    }
}
