package dev.stile.server.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Configures logback in code (found through {@code META-INF/services}): text lines on stderr,
 * libraries at WARN, everything else at INFO. This replaces a logback.xml because reading XML
 * loads logback's Joran configurator and the JDK's XML parser, ~500 classes (~3 MiB of metaspace)
 * that a CA in a 64 MiB heap / 128 MiB RSS budget never needs again.
 *
 * <p>An explicit configuration still wins: with {@code -Dlogback.configurationFile=...}, or a
 * {@code logback-test.xml} / {@code logback.xml} on the class path (tests), this configurator steps
 * aside and logback reads the file as usual.
 */
public final class LogConfigurator extends ContextAwareBase implements Configurator {

    /** The console appender's name; {@link LogFormat#useJson()} swaps its layout. */
    public static final String CONSOLE = "CONSOLE";

    /** Libraries that only speak up when something is wrong. */
    private static final String[] QUIET = {
        "org.eclipse.jetty", "io.javalin", "com.zaxxer.hikari", "org.flywaydb", "org.jose4j"
    };

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (explicitConfiguration(LogConfigurator.class.getClassLoader())) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        apply(context);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** Installs the console appender and the levels in {@code context}. */
    static void apply(LoggerContext context) {
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName(CONSOLE);
        console.setTarget("System.err");
        console.setEncoder(encoder(context, new TextLineLayout()));
        console.start();
        for (String name : QUIET) {
            context.getLogger(name).setLevel(Level.WARN);
        }
        // Hikari logs every pooled connection a database outage breaks, with a stack trace. The
        // outage itself is logged once by the reachability probe, and each request it fails in
        // one line (DatabaseOutage), so these add nothing a 2 am reader needs.
        context.getLogger("com.zaxxer.hikari.pool.ProxyConnection").setLevel(Level.ERROR);
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(console);
    }

    /** A started encoder printing through {@code layout} (started too), for the console appender. */
    static LayoutWrappingEncoder<ILoggingEvent> encoder(LoggerContext context, LayoutBase<ILoggingEvent> layout) {
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();
        return encoder;
    }

    /** Whether the operator or a test asked for a logback configuration file. */
    static boolean explicitConfiguration(ClassLoader loader) {
        if (System.getProperty("logback.configurationFile") != null) {
            return true;
        }
        return loader.getResource("logback-test.xml") != null || loader.getResource("logback.xml") != null;
    }
}
