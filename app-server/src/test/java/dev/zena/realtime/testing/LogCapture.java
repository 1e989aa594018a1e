package dev.zena.realtime.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Every log event of the process while open, as its formatted message (what {@code %msg} writes): what the
 * product's own call sites put on a line, before any layout escapes it.
 */
public final class LogCapture implements AutoCloseable {

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private LogCapture() {
        appender.start();
        root().addAppender(appender);
    }

    /** Starts capturing on the root logger. */
    public static LogCapture start() {
        return new LogCapture();
    }

    /** The formatted messages captured so far, in order. */
    public List<String> messages() {
        synchronized (appender) {
            return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }
    }

    /**
     * The events that would mean something went unhandled: every ERROR, and every event of any level that carries an
     * exception, as {@code LEVEL logger: message (exception)}. Empty when the run was clean.
     */
    public List<String> problems() {
        synchronized (appender) {
            return appender.list.stream()
                    .filter(e -> e.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.ERROR)
                            || e.getThrowableProxy() != null)
                    .map(e -> e.getLevel() + " " + e.getLoggerName() + ": " + e.getFormattedMessage()
                            + (e.getThrowableProxy() == null ? "" : " (" + e.getThrowableProxy().getClassName() + ")"))
                    .toList();
        }
    }

    @Override
    public void close() {
        root().detachAppender(appender);
        appender.stop();
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
