package dev.zena.realtime.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for tests, started from the installed binaries ({@code /usr/lib/postgresql/N/bin}, the
 * Debian package {@code postgresql}): a throw-away data directory, {@code initdb}, a free port on 127.0.0.1 only
 * (no Unix socket), fsync off, stopped and deleted when the JVM exits. {@link #shared()} starts one lazily for the
 * whole test JVM; {@link #startPrivate()} one that a test may stop and start again. Run as root, the server runs
 * as the {@code postgres} user ({@code runuser}), as {@code initdb} requires. No PostgreSQL installed is a failure
 * naming the package to install, never a skipped test.
 *
 * <p>Authentication: the superuser {@code postgres} and every other role are trusted from 127.0.0.1, except the
 * members of {@code password_login} ({@link #createRole}), who must give their password.
 */
public final class TestPostgres {

    /** The superuser every {@link #createDatabase()} URL logs in as. */
    public static final String SUPERUSER = "postgres";

    private static final Path DEBIAN = Path.of("/usr/lib/postgresql");
    private static final String PACKAGE_HINT = "install the Debian package 'postgresql' (apt-get install "
            + "postgresql; .ci/run does) or point ZENA_TEST_PG_BIN at a directory holding initdb and pg_ctl";
    private static final AtomicInteger NAMES = new AtomicInteger();
    private static TestPostgres shared;

    private final Path bin;
    private final Path dir;
    private final Path data;
    private final Path log;
    private int port;
    private boolean isRunning;

    private TestPostgres(Path bin, Path dir) {
        this.bin = bin;
        this.dir = dir;
        this.data = dir.resolve("data");
        this.log = dir.resolve("server.log");
    }

    /** The server every test class shares, started on first use; its databases keep classes apart. */
    public static synchronized TestPostgres shared() {
        if (shared == null) {
            shared = startPrivate();
        }
        return shared;
    }

    /** A server of the caller's own, for a test that stops it; stopped and deleted at JVM exit if still running. */
    public static TestPostgres startPrivate() {
        try {
            TestPostgres server = new TestPostgres(binaries(), ownedTempDir());
            Runtime.getRuntime().addShutdownHook(new Thread(server::destroy, "test-postgres-stop"));
            server.initdb();
            server.start();
            server.execute("CREATE ROLE password_login NOLOGIN");
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare a PostgreSQL server for the tests", e);
        }
    }

    /**
     * A new empty database, as a JDBC URL that logs in as {@link #SUPERUSER}; each call a different one, so that a
     * test never sees another's data.
     */
    public String createDatabase() {
        return createDatabase(SUPERUSER);
    }

    /** A new empty database owned by {@code owner} (who may then create tables in it), as a URL without a user. */
    public String createDatabase(String owner) {
        String name = "zena_test_" + NAMES.incrementAndGet();
        execute("CREATE DATABASE " + name + " OWNER " + owner);
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/" + name;
        return owner.equals(SUPERUSER) ? url + "?user=" + SUPERUSER : url;
    }

    /** A new login role that must authenticate with {@code password}; returns its name. */
    public String createRole(String password) {
        String name = "zena_login_" + NAMES.incrementAndGet();
        execute("CREATE ROLE " + name + " LOGIN PASSWORD '" + password.replace("'", "''") + "' IN ROLE password_login");
        return name;
    }

    /** A superuser connection to the database of {@code url} (one of {@link #createDatabase()}'s). */
    public Connection connect(String url) throws SQLException {
        int query = url.indexOf('?');
        return DriverManager.getConnection(query < 0 ? url : url.substring(0, query), SUPERUSER, null);
    }

    /** The TCP port on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** Stops the server (fast shutdown: connections are cut); {@link #start} brings it back on the same port. */
    public synchronized void stop() {
        if (isRunning) {
            run(List.of(tool("pg_ctl"), "stop", "-D", data.toString(), "-m", "fast", "-w", "-t", "60"));
            isRunning = false;
        }
    }

    /** Starts the server; the first time on a free port, later on the same one. */
    public synchronized void start() {
        boolean isFirst = port == 0;
        for (int attempt = 1; !isRunning; attempt++) {
            if (isFirst) {
                port = freePort();
            }
            try {
                run(List.of(
                        tool("pg_ctl"),
                        "start",
                        "-D",
                        data.toString(),
                        "-l",
                        log.toString(),
                        "-w",
                        "-t",
                        "60",
                        "-o",
                        "-p " + port));
                isRunning = true;
            } catch (IllegalStateException e) {
                if (!isFirst || attempt == 3) {
                    throw e;
                }
                // another process took the port between our probe and the bind: try another
            }
        }
    }

    private void initdb() throws IOException {
        run(List.of(tool("initdb"), "-D", data.toString(), "-U", SUPERUSER, "-A", "trust", "-E", "UTF8", "--no-sync"));
        Files.writeString(data.resolve("postgresql.conf"), """

                # TestPostgres: loopback TCP only, no Unix socket, durability traded for speed
                listen_addresses = '127.0.0.1'
                unix_socket_directories = ''
                fsync = off
                synchronous_commit = off
                full_page_writes = off
                max_connections = 200
                """, StandardOpenOption.APPEND);
        Files.writeString(data.resolve("pg_hba.conf"), """
                # TestPostgres: 127.0.0.1 only; members of password_login give their password, others are trusted
                host all +password_login 127.0.0.1/32 scram-sha-256
                host all all 127.0.0.1/32 trust
                """);
    }

    private void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(
                        "jdbc:postgresql://127.0.0.1:" + port + "/postgres", SUPERUSER, null);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("test PostgreSQL refused: " + sql, e);
        }
    }

    /** Runs a PostgreSQL tool, as {@code postgres} when we are root; fails with its output and the server log. */
    private void run(List<String> command) {
        List<String> full = new ArrayList<>();
        if (isRoot()) {
            full.addAll(List.of("runuser", "-u", SUPERUSER, "--"));
        }
        full.addAll(command);
        Path output = dir.resolve("tool.out");
        try {
            Process process = new ProcessBuilder(full)
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", full) + " did not finish in 120 s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", full) + " failed (exit " + process.exitValue() + "):\n"
                        + Files.readString(output, StandardCharsets.UTF_8) + tail(log));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + full, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + full, e);
        }
    }

    /** At JVM exit: an immediate stop (nothing to keep), then the directory goes. */
    private synchronized void destroy() {
        if (isRunning) {
            try {
                run(List.of(tool("pg_ctl"), "stop", "-D", data.toString(), "-m", "immediate", "-w", "-t", "30"));
            } catch (RuntimeException e) {
                System.err.println("test PostgreSQL did not stop: " + e.getMessage());
            }
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("test PostgreSQL directory not deleted: " + dir);
        }
    }

    private String tool(String name) {
        return bin.resolve(name).toString();
    }

    /** The newest installed version's bin directory, or ZENA_TEST_PG_BIN. */
    private static Path binaries() throws IOException {
        String configured = System.getenv("ZENA_TEST_PG_BIN");
        if (configured != null && !configured.isBlank()) {
            return requireTools(Path.of(configured));
        }
        if (!Files.isDirectory(DEBIAN)) {
            throw new IllegalStateException("PostgreSQL is not installed: no " + DEBIAN + "; " + PACKAGE_HINT);
        }
        try (Stream<Path> versions = Files.list(DEBIAN)) {
            Path newest = versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparing(TestPostgres::versionOf))
                    .orElseThrow(() -> new IllegalStateException("PostgreSQL server binaries not found under " + DEBIAN
                            + "/*/bin (the client alone is installed?); " + PACKAGE_HINT));
            return newest;
        }
    }

    private static Path requireTools(Path bin) {
        if (!Files.isExecutable(bin.resolve("initdb")) || !Files.isExecutable(bin.resolve("pg_ctl"))) {
            throw new IllegalStateException("ZENA_TEST_PG_BIN=" + bin + " holds no initdb and pg_ctl; " + PACKAGE_HINT);
        }
        return bin;
    }

    private static int versionOf(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString().split("\\.")[0]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** A temp directory the server's user owns (initdb refuses to run as root, and needs to own its data). */
    private static Path ownedTempDir() throws IOException {
        Path dir = Files.createTempDirectory("zena-test-postgres-");
        if (isRoot()) {
            UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
            try {
                Files.setOwner(dir, users.lookupPrincipalByName(SUPERUSER));
            } catch (IOException e) {
                throw new IllegalStateException(
                        "running as root, the tests start PostgreSQL as the user '" + SUPERUSER
                                + "', which does not exist; " + PACKAGE_HINT,
                        e);
            }
        }
        return dir;
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.exists(file) ? Files.readAllLines(file) : List.of();
            return "\nserver log:\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }
}
