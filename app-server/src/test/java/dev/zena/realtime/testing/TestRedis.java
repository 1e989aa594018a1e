package dev.zena.realtime.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real {@code redis-server} for the tests of this JVM: started on first use on a free loopback port, without
 * persistence ({@code --save "" --appendonly no}, so a restart is an empty Redis, like a flushed one), and stopped
 * by its PID when the JVM exits. Tests share it and keep apart by giving every broker and members their own
 * {@link #newPrefix() prefix}. {@link #stop()} and {@link #start()} make an outage on the same port. When the
 * {@code redis-server} binary is missing the tests fail, naming the Debian package to install; they never skip.
 */
public final class TestRedis {

    private static final Path[] BINARIES = {Path.of("/usr/bin/redis-server"), Path.of("/usr/local/bin/redis-server")};
    private static final AtomicInteger PREFIXES = new AtomicInteger();
    private static TestRedis instance;

    private final Path binary;
    private final Path dir;
    private final int port;
    private Process process;

    private TestRedis(Path binary, Path dir, int port) {
        this.binary = binary;
        this.dir = dir;
        this.port = port;
    }

    /** The Redis of this JVM, started on the first call. */
    public static synchronized TestRedis get() {
        if (instance == null) {
            Path binary = findBinary();
            try {
                Path dir = Files.createTempDirectory("zena-redis");
                instance = startOnAFreePort(binary, dir);
            } catch (IOException e) {
                throw new IllegalStateException("cannot start redis-server", e);
            }
            TestRedis started = instance;
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "test-redis-stop"));
        }
        return instance;
    }

    /** {@code redis://127.0.0.1:port}. */
    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** A key prefix no other test of this JVM uses. */
    public static String newPrefix() {
        return "t" + ProcessHandle.current().pid() + "n" + PREFIXES.incrementAndGet();
    }

    /** Stops the server (SIGTERM, then SIGKILL) and waits until it is gone; a no-op when it is stopped. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** Starts an empty server on the same port again (after {@link #stop()}); a no-op when it runs. */
    public synchronized void start() {
        if (process != null) {
            return;
        }
        try {
            launch();
        } catch (IOException e) {
            throw new IllegalStateException("cannot restart redis-server on port " + port, e);
        }
    }

    /** True while the server answers PING. */
    public boolean isRunning() {
        return ping();
    }

    private static TestRedis startOnAFreePort(Path binary, Path dir) throws IOException {
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            TestRedis redis = new TestRedis(binary, dir, freePort());
            try {
                redis.launch();
                return redis;
            } catch (IOException e) {
                last = e; // the port was taken meanwhile: try another one
            }
        }
        throw last;
    }

    private void launch() throws IOException {
        Path log = dir.resolve("redis-" + port + ".log");
        Process started = new ProcessBuilder(List.of(
                        binary.toString(),
                        "--port",
                        Integer.toString(port),
                        "--bind",
                        "127.0.0.1",
                        "--save",
                        "",
                        "--appendonly",
                        "no",
                        "--dir",
                        dir.toString(),
                        "--daemonize",
                        "no",
                        "--logfile",
                        ""))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (!ping()) {
            if (!started.isAlive() || Instant.now().isAfter(deadline)) {
                started.destroyForcibly();
                throw new IOException("redis-server did not start on port " + port + ": "
                        + Files.readString(log).strip());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while starting redis-server", e);
            }
        }
        process = started;
    }

    private boolean ping() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] reply = new byte[7];
            int read = in.readNBytes(reply, 0, reply.length);
            return new String(reply, 0, read, StandardCharsets.US_ASCII).startsWith("+PONG");
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static Path findBinary() {
        for (Path candidate : BINARIES) {
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "redis-server");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("redis-server not found (looked in /usr/bin, /usr/local/bin and PATH): the "
                + "Redis broker tests need a real Redis; install the Debian package 'redis-server' "
                + "(apt-get install -y redis-server) — .ci/run does so");
    }
}
