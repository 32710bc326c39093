package plenary.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

import java.util.List;
import java.util.Locale;

/**
 * Applies {@code --log-format} and {@code --log-level} to Logback at start, over the defaults of
 * {@code logback.xml}: JSON lines (Logback's own JsonEncoder: sequence number, timestamp in epoch
 * milliseconds, level, thread, logger, formatted message, MDC, key-value pairs, throwable) for a log shipper, and the level of the root or of any logger.
 */
public final class LogSetup {
    static final List<String> FORMATS = List.of("text", "json");
    private static final List<String> LEVELS = List.of("off", "error", "warn", "info", "debug", "trace");

    private LogSetup() {
    }

    /** Refuses a format or level entry the server would not understand, with the reason. */
    static void check(String format, List<String> levels) {
        if (!FORMATS.contains(format)) {
            throw new IllegalArgumentException("--log-format must be one of " + FORMATS + ", not \"" + format + "\"");
        }
        levels.forEach(LogSetup::levelOf);
    }

    private static String levelOf(String entry) {
        String level = entry.contains("=") ? entry.substring(entry.indexOf('=') + 1) : entry;
        String name = entry.contains("=") ? entry.substring(0, entry.indexOf('=')) : "";
        if (entry.contains("=") && name.isBlank()) {
            throw new IllegalArgumentException("--log-level " + entry + ": name a logger before '='");
        }
        if (!LEVELS.contains(level.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("--log-level " + entry + ": the level must be one of " + LEVELS);
        }
        return level;
    }

    public static void apply(Config config) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return; // another SLF4J binding chosen by whoever embeds Plenary: theirs to configure
        }
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
        for (String entry : config.logLevels()) {
            Level level = Level.toLevel(levelOf(entry).toUpperCase(Locale.ROOT));
            String name = entry.contains("=") ? entry.substring(0, entry.indexOf('=')) : org.slf4j.Logger.ROOT_LOGGER_NAME;
            context.getLogger(name).setLevel(level);
        }
        if (config.logFormat().equals("json")) {
            Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
            if (root.getAppender("CONSOLE") instanceof ConsoleAppender<ILoggingEvent> console) {
                JsonEncoder encoder = new JsonEncoder();
                encoder.setContext(context);
                // The message as a person reads it, once: not its template and arguments besides.
                encoder.setWithFormattedMessage(true);
                encoder.setWithMessage(false);
                encoder.setWithArguments(false);
                encoder.setWithContext(false);
                encoder.setWithNanoseconds(false);
                encoder.start();
                console.stop();
                console.setEncoder(encoder);
                console.start();
            }
        }
    }
}
