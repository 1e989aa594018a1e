package dev.zena.realtime.store;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.ReentrantLock;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The connections of one {@link SqliteStore}: one writer guarded by a lock (SQLite has one writer at a time
 * anyway, and a lock in the JVM keeps our own threads from waiting on busy_timeout) and a small pool of readers,
 * which WAL lets run beside the writer. Other processes are kept in step by SQLite's file locks and the
 * busy timeout.
 */
final class SqliteConnections implements SqlConnections {
    static final int BUSY_TIMEOUT_MILLIS = 5_000;
    private static final String PREFIX = "jdbc:sqlite:";

    private final SQLiteDataSource dataSource;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final Connection writer;
    private final BlockingQueue<Connection> readers;
    private final int readerCount;
    private final List<Connection> all = new ArrayList<>();
    private volatile boolean isClosed;

    private SqliteConnections(SQLiteDataSource dataSource, int readerCount) throws SQLException {
        this.dataSource = dataSource;
        this.writer = track(dataSource.getConnection());
        this.readers = new ArrayBlockingQueue<>(readerCount);
        this.readerCount = readerCount;
        for (int i = 0; i < readerCount; i++) {
            Connection reader = track(dataSource.getConnection());
            Prepared.keepStatementsOf(reader); // lent to one thread at a time; preparing costs as much as a lookup
            readers.add(reader);
        }
    }

    /** Called once by {@link SqliteStore#open}: turns a path or URL into a data source and opens the connections. */
    static SqliteConnections open(String db, int readerCount) {
        String url = toUrl(db);
        try {
            return new SqliteConnections(dataSource(url), readerCount);
        } catch (SQLException e) {
            throw new StoreException("cannot open database " + db + ": " + e.getMessage(), e);
        }
    }

    /** The data source the migrations run through, configured like every other connection. */
    SQLiteDataSource dataSource() {
        return dataSource;
    }

    /** Runs read-only work on a pooled reader; blocks while every reader is lent out. */
    @Override
    public <T> T read(SqlWork<T> work) {
        Connection connection = borrow();
        try {
            return work.run(connection);
        } catch (SQLException e) {
            throw new StoreException("database read failed: " + e.getMessage(), e);
        } finally {
            readers.add(connection);
        }
    }

    /**
     * Runs read-only work on every pooled reader in turn, holding them all meanwhile; blocks until every reader is
     * back in the pool. For what each reader must have done before a step that concerns them all (the row preload).
     */
    void readOnEach(SqlWork<?> work) {
        List<Connection> taken = new ArrayList<>(readerCount);
        try {
            for (int i = 0; i < readerCount; i++) {
                taken.add(borrow());
            }
            for (Connection connection : taken) {
                work.run(connection);
            }
        } catch (SQLException e) {
            throw new StoreException("database read failed: " + e.getMessage(), e);
        } finally {
            readers.addAll(taken);
        }
    }

    /**
     * Runs work in one {@code BEGIN IMMEDIATE} transaction on the writer: committed when it returns, rolled back
     * if it throws. Issued by hand rather than through {@code setAutoCommit(false)}, whose driver opens the next
     * transaction right after each commit and would hold the file's write lock between our calls.
     */
    @Override
    public <T> T write(SqlWork<T> work) {
        ensureOpen();
        writeLock.lock();
        try (Statement statement = writer.createStatement()) {
            statement.execute("BEGIN IMMEDIATE");
            try {
                T result = work.run(writer);
                statement.execute("COMMIT");
                return result;
            } catch (SQLException | RuntimeException e) {
                statement.execute("ROLLBACK");
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("database write failed: " + e.getMessage(), e);
        } finally {
            writeLock.unlock();
        }
    }

    /** Called by {@link SqliteStore#close}; waits for a running write, then closes every connection. */
    @Override
    public void close() {
        writeLock.lock();
        try {
            isClosed = true;
            for (Connection connection : all) {
                try {
                    Prepared.forget(connection);
                    connection.close();
                } catch (SQLException ignored) {
                    // closing is best effort: the file is consistent whatever happens here
                }
            }
        } finally {
            writeLock.unlock();
        }
    }

    private Connection borrow() {
        ensureOpen();
        try {
            Connection connection = readers.take();
            if (isClosed) {
                readers.add(connection);
                throw new StoreException("store is closed");
            }
            return connection;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for a database connection", e);
        }
    }

    private void ensureOpen() {
        if (isClosed) {
            throw new StoreException("store is closed");
        }
    }

    private Connection track(Connection connection) {
        all.add(connection);
        return connection;
    }

    private static SQLiteDataSource dataSource(String url) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        config.enforceForeignKeys(true);
        // IMMEDIATE takes the write lock at BEGIN, so a transaction never fails half-way upgrading a read lock.
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        dataSource.setUrl(url);
        return dataSource;
    }

    private static String toUrl(String db) {
        if (db == null || db.isBlank()) {
            throw new StoreException("database path is empty");
        }
        String path = db.startsWith(PREFIX) ? db.substring(PREFIX.length()) : db;
        if (path.isEmpty() || path.contains(":memory:") || path.contains("mode=memory")) {
            throw new StoreException("an in-memory SQLite database is not supported: use a file (" + db + ")");
        }
        if (!path.startsWith("file:")) {
            Path file = Path.of(stripQuery(path));
            createParentDirectories(file);
            createPrivately(file);
        }
        return PREFIX + path;
    }

    private static String stripQuery(String path) {
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query);
    }

    /**
     * A new store file is made readable by its owner only (0600): it holds every user, token revocation and
     * membership. SQLite gives its {@code -wal} and {@code -shm} files the same mode. An existing file is left as
     * the operator set it.
     */
    private static void createPrivately(Path file) {
        if (Files.exists(file)) {
            return;
        }
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException e) {
            // another process made it meanwhile: it is that one's to set
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: SQLite creates the file with the platform's defaults
        } catch (IOException e) {
            throw new StoreException("cannot create database " + file + ": " + e.getMessage(), e);
        }
    }

    private static void createParentDirectories(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        try {
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new StoreException("cannot create directory " + parent + ": " + e.getMessage(), e);
        }
    }
}
