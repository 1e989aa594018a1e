package dev.zena.realtime.websocket;

import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The timer of ADR 0010: a socket whose frames keep being refused by a rate limit (refusals in consecutive
 * seconds) is read again only after a pause. A flooding client then costs one read, one dispatch and one wake-up per
 * pause for everything it sent meanwhile, each frame still counted and accepted or refused by its buckets as usual,
 * instead of all that per frame; the core stays free for the other tenants. Sockets within their limits, and a
 * burst within one second, are read as soon as Jetty has their next frame.
 */
public final class ReadPause implements AutoCloseable {

    /** How long a flooding socket waits before it is read again: one token of the default 10 messages/s. */
    static final long PAUSE_MILLIS = 100;
    /** Frames refused this soon after a paused read resumed belong to its batch and do not pause again. */
    public static final long BATCH_NANOS = 2_000_000;

    private static final Logger LOG = LoggerFactory.getLogger(ReadPause.class);

    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, runnable -> {
        Thread thread = new Thread(runnable, "zena-read-pause");
        thread.setDaemon(true);
        return thread;
    });

    /** Runs {@code resume} after the pause. */
    void schedule(Runnable resume) {
        timer.schedule(
                () -> {
                    try {
                        resume.run();
                    } catch (RuntimeException e) {
                        // closed while paused: nothing more to read
                        LOG.debug("ws_read_resume_failed", e);
                    }
                },
                PAUSE_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    /** Called when the server stops. */
    @Override
    public void close() {
        timer.shutdownNow();
    }
}
