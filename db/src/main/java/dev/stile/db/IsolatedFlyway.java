package dev.stile.db;

import javax.sql.DataSource;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Collections;
import java.util.Enumeration;

/**
 * Runs Flyway from a class loader of its own when Stile runs from its single jar, so that Flyway's
 * ~550 classes (with their lambdas) can be unloaded once the migration is done instead of staying
 * in metaspace for the life of the server (~2.5 MiB of a 128 MiB budget). Only Flyway's own
 * classes are loaded by that loader; everything else (JDBC, slf4j, the migration scripts) comes
 * from the application as usual.
 */
final class IsolatedFlyway {

    private static final String FLYWAY_CLASS = "org/flywaydb/core/Flyway.class";

    private IsolatedFlyway() {
    }

    /**
     * Migrates through an isolated Flyway and returns true, or returns false without doing
     * anything when Flyway is not inside the same jar as Stile (tests, IDE class paths).
     */
    static boolean migrate(DataSource dataSource, String location) {
        URL jar = singleJar();
        if (jar == null) {
            return false;
        }
        try (FlywayLoader loader = new FlywayLoader(jar, IsolatedFlyway.class.getClassLoader())) {
            Class<?> flyway = Class.forName("org.flywaydb.core.Flyway", true, loader);
            Object config = flyway.getMethod("configure", ClassLoader.class).invoke(null, loader);
            Class<?> fluent = config.getClass();
            fluent.getMethod("dataSource", DataSource.class).invoke(config, dataSource);
            fluent.getMethod("locations", String[].class).invoke(config, (Object) new String[] {location});
            Object loaded = fluent.getMethod("load").invoke(config);
            loaded.getClass().getMethod("migrate").invoke(loaded);
            return true;
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            throw new IllegalStateException("database migration failed: " + cause, cause);
        } catch (ReflectiveOperationException | IOException e) {
            throw new IllegalStateException("cannot start Flyway for the database migration: " + e, e);
        }
    }

    /** The jar holding both Flyway and this class (the shaded stile.jar), else null. */
    private static URL singleJar() {
        ClassLoader app = IsolatedFlyway.class.getClassLoader();
        URL flyway = app.getResource(FLYWAY_CLASS);
        URL self = app.getResource(IsolatedFlyway.class.getName().replace('.', '/') + ".class");
        if (flyway == null || self == null || !"jar".equals(flyway.getProtocol()) || !"jar".equals(self.getProtocol())) {
            return null;
        }
        try {
            URL a = ((JarURLConnection) flyway.openConnection()).getJarFileURL();
            URL b = ((JarURLConnection) self.openConnection()).getJarFileURL();
            return a.sameFile(b) ? a : null;
        } catch (IOException | ClassCastException e) {
            return null;
        }
    }

    /** Child-first for Flyway's classes only; resources always come from the application. */
    private static final class FlywayLoader extends URLClassLoader {

        FlywayLoader(URL jar, ClassLoader parent) {
            super(new URL[] {jar}, parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith("org.flywaydb.")) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    c = findClass(name);
                }
                if (resolve) {
                    resolveClass(c);
                }
                return c;
            }
        }

        // Resources (service files, db/migration) are found once, through the parent; finding them
        // in the same jar again would make Flyway see every migration twice.
        @Override
        public URL findResource(String name) {
            return null;
        }

        @Override
        public Enumeration<URL> findResources(String name) {
            return Collections.emptyEnumeration();
        }
    }
}
