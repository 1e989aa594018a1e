package dev.zena.realtime.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread per {@link PostgresStore} that {@code LISTEN}s on {@link #CHANNEL} on a dedicated connection, notified
 * by the change-log triggers when any process commits a change. On each notification, and at least every
 * {@link #CHECK_INTERVAL_MILLIS}, it looks at the log: a role change (or a kind it does not know) invalidates the
 * cached matrix, any new change the cached rows ({@link ReadCache}), and then wakes the callbacks registered with
 * {@link Store#onChange}, which therefore read fresh rows. A wake-up is a hint that the feed moved;
 * {@link Store#changesSince} is the truth. PostgreSQL delivers every notification to a connection that listens, so
 * the periodic look is there for a connection that died without a word: it is the one query on that connection,
 * and its socket timeout ({@link PostgresConnections#openDedicated}) turns a silent connection into a failure
 * (ADR 0040).
 *
 * <p>When its connection fails it distrusts both caches, logs {@code store_listen_lost} once, and reconnects
 * by itself (backing off up to {@link #MAX_BACKOFF_MILLIS}); once listening again it re-trusts the cache from a
 * fresh read and wakes the callbacks, since changes may have been missed meanwhile.
 */
final class PostgresChangeListener implements AutoCloseable {
    /** The notification channel of the change-log triggers ({@code V2__change_log.sql}). */
    static final String CHANNEL = "zena_changes";
    /**
     * The longest the listener waits for a notification before it looks at the log anyway: how often a quiet
     * connection is probed (ADR 0040; 1 s before it, which made the look most of an idle node's PostgreSQL traffic).
     */
    static final int CHECK_INTERVAL_MILLIS = 5_000;
    /** The longest pause between two attempts to reconnect. */
    static final long MAX_BACKOFF_MILLIS = 5_000;

    private static final long FIRST_BACKOFF_MILLIS = 100;
    private static final Logger LOG = LoggerFactory.getLogger(PostgresChangeListener.class);

    private final PostgresConnections connections;
    private final ReadCache matrix;
    private final ReadCache rows;
    private final List<Runnable> callbacks = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean isRunning = true;
    /** Owned by the listener thread; {@link #close} closes it too, to end a wait at once. */
    private volatile Connection connection;

    private long seenSeq;

    private PostgresChangeListener(PostgresConnections connections, ReadCache matrix, ReadCache rows) {
        this.connections = connections;
        this.matrix = matrix;
        this.rows = rows;
        this.thread = new Thread(this::run, "zena-store-listener");
        this.thread.setDaemon(true);
    }

    /**
     * Called by {@link PostgresStore#open}: listens on the caller's thread (so that no change committed after the
     * store is open goes unnoticed, and a database that refuses fails the open), then hands over to the thread.
     */
    static PostgresChangeListener start(PostgresConnections connections, ReadCache matrix, ReadCache rows) {
        PostgresChangeListener listener = new PostgresChangeListener(connections, matrix, rows);
        try {
            listener.connect();
        } catch (SQLException e) {
            throw new StoreException("cannot listen for changes on " + connections.shown() + ": " + e.getMessage(), e);
        }
        listener.thread.start();
        return listener;
    }

    /** True while the connection listens: a commit then wakes the callbacks, at the latest at the next check. */
    boolean isListening() {
        return isRunning && connection != null;
    }

    /** Registers a callback run on the listener thread after changes (see {@link Store#onChange}). */
    void onChange(Runnable callback) {
        callbacks.add(callback);
    }

    /**
     * Called by {@link PostgresStore#close}: stops the thread, aborting its connection (a plain close would wait for
     * the driver's lock, which a wait for notifications holds), and lets it close the connection as it ends.
     */
    @Override
    public void close() {
        isRunning = false;
        thread.interrupt();
        Connection current = connection;
        if (current != null) {
            try {
                current.abort(Runnable::run);
            } catch (SQLException ignored) {
                // the thread closes it as it ends anyway
            }
        }
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try {
            listen();
        } finally {
            closeConnection();
        }
    }

    private void listen() {
        long backoff = FIRST_BACKOFF_MILLIS;
        while (isRunning) {
            try {
                if (connection == null) {
                    connect();
                    LOG.info("store_listen_ready db={}", connections.shown());
                    backoff = FIRST_BACKOFF_MILLIS;
                    wake();
                }
                connection.unwrap(PGConnection.class).getNotifications(CHECK_INTERVAL_MILLIS);
                check();
            } catch (SQLException | RuntimeException e) {
                if (!isRunning) {
                    return;
                }
                lose(e);
                pause(backoff);
                backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
            }
        }
    }

    /** LISTEN first, then read the head: a change committed in between is both counted and notified. */
    private void connect() throws SQLException {
        Connection opened = connections.openDedicated();
        try (Statement statement = opened.createStatement()) {
            statement.execute("LISTEN " + CHANNEL);
            seenSeq = PostgresChangeLog.lastSeq(opened);
        } catch (SQLException | RuntimeException e) {
            opened.close();
            throw e;
        }
        connection = opened;
        matrix.trust();
        rows.trust();
    }

    private void check() throws SQLException {
        PostgresChangeLog.Check check = PostgresChangeLog.check(connection, seenSeq);
        if (check.mayHaveChangedMatrix()) {
            matrix.invalidate();
        }
        if (check.lastSeq() != seenSeq) {
            seenSeq = check.lastSeq();
            rows.invalidate();
            wake();
        }
    }

    private void wake() {
        for (Runnable callback : callbacks) {
            try {
                callback.run();
            } catch (RuntimeException e) {
                LOG.error("store_change_callback_failed", e);
            }
        }
    }

    private void lose(Exception e) {
        matrix.distrust();
        rows.distrust();
        if (connection != null) {
            LOG.warn("store_listen_lost db={} error={}", connections.shown(), e.getMessage());
            closeConnection();
        } else {
            LOG.debug("store_listen_retry db={} error={}", connections.shown(), e.getMessage());
        }
    }

    private void closeConnection() {
        Connection current = connection;
        connection = null;
        if (current != null) {
            try {
                current.close();
            } catch (SQLException ignored) {
                // the connection is being dropped because it failed or the store closes: nothing to save
            }
        }
    }

    private void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            isRunning = false;
        }
    }
}
