package dev.zena.realtime.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.read.ListAppender;
import ch.qos.logback.core.spi.FilterReply;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Every log event of the process while open, as its formatted message (what {@code %msg} writes): what the
 * product's own call sites put on a line, before any layout escapes it.
 */
public final class LogCapture implements AutoCloseable {

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private LogCapture(boolean isProblemsOnly) {
        if (isProblemsOnly) {
            appender.addFilter(new Filter<>() {
                @Override
                public FilterReply decide(ILoggingEvent event) {
                    return isProblem(event) ? FilterReply.NEUTRAL : FilterReply.DENY;
                }
            });
        }
        appender.start();
        root().addAppender(appender);
    }

    /** Starts capturing on the root logger. */
    public static LogCapture start() {
        return new LogCapture(false);
    }

    /**
     * Starts capturing only what {@link #problems()} reports, for long runs: keeping every event of a run of
     * thousands of connections would itself grow the heap that the run measures.
     */
    public static LogCapture startProblemsOnly() {
        return new LogCapture(true);
    }

    /** The formatted messages captured so far, in order. */
    public List<String> messages() {
        synchronized (appender) {
            return appender.list.stream()
                    .map(ILoggingEvent::getFormattedMessage)
                    .toList();
        }
    }

    /**
     * The events that would mean something went unhandled: every ERROR, and every event of any level that carries an
     * exception, as {@code LEVEL logger: message (exception)}. Empty when the run was clean.
     */
    public List<String> problems() {
        synchronized (appender) {
            return appender.list.stream()
                    .filter(LogCapture::isProblem)
                    .map(e -> e.getLevel() + " " + e.getLoggerName() + ": " + e.getFormattedMessage()
                            + (e.getThrowableProxy() == null
                                    ? ""
                                    : " (" + e.getThrowableProxy().getClassName() + ")"))
                    .toList();
        }
    }

    @Override
    public void close() {
        root().detachAppender(appender);
        appender.stop();
    }

    private static boolean isProblem(ILoggingEvent event) {
        return event.getLevel().isGreaterOrEqual(Level.ERROR) || event.getThrowableProxy() != null;
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
