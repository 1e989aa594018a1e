package dev.zena.realtime.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The shipped load balancer configuration ({@code packaging/src/cluster/nginx.conf}) run by a real {@code nginx}
 * (the Debian package) in front of nodes of this test: the file is used as written, except that its upstream
 * servers become the given loopback ports and it listens on a free loopback port. Stopped by its PID. Without
 * {@code nginx} installed the test fails, naming the package; it never skips.
 */
public final class TestNginx implements AutoCloseable {

    private static final Path BINARY = Path.of("/usr/sbin/nginx");
    private static final String SHIPPED = "packaging/src/cluster/nginx.conf";

    private final Process process;
    private final Path dir;
    private final int port;

    private TestNginx(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    /** Starts nginx with the shipped configuration in front of {@code nodePorts} on 127.0.0.1. */
    public static TestNginx start(Path dir, List<Integer> nodePorts) {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException("nginx not found at " + BINARY + ": the load balancer test runs the "
                    + "shipped nginx.conf; install the Debian package 'nginx' (.ci/run does)");
        }
        try {
            Files.createDirectories(dir.resolve("logs"));
            int port = freePort();
            String servers = nodePorts.stream()
                    .map(p -> "        server 127.0.0.1:" + p + " max_fails=2 fail_timeout=10s;")
                    .collect(Collectors.joining("\n"));
            String shipped = Files.readString(shipped());
            String conf = shipped.replaceAll("(?m)^\\s*server node\\d:8080[^\\n]*;\\n", "")
                    .replace("least_conn;", "least_conn;\n" + servers)
                    .replace("listen 80;", "listen 127.0.0.1:" + port + ";")
                    .replace("worker_processes auto;", "worker_processes 1;");
            if (conf.equals(shipped) || !conf.contains(servers)) {
                throw new IllegalStateException(SHIPPED + " no longer has the upstream block this helper rewrites");
            }
            Path file = dir.resolve("nginx.conf");
            Files.writeString(file, conf);
            Process process = new ProcessBuilder(
                            BINARY.toString(),
                            "-p",
                            dir.toString(),
                            "-c",
                            file.toString(),
                            "-g",
                            "daemon off; master_process on; pid " + dir.resolve("nginx.pid") + "; error_log "
                                    + dir.resolve("logs/error.log") + ";")
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("nginx.out").toFile())
                    .start();
            TestNginx nginx = new TestNginx(process, dir, port);
            nginx.awaitListening(Duration.ofSeconds(10));
            return nginx;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start nginx", e);
        }
    }

    /** The shipped file, found from the module's directory (Surefire runs in app-server/). */
    private static Path shipped() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(SHIPPED);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(
                SHIPPED + " not found above " + Path.of("").toAbsolutePath());
    }

    public int port() {
        return port;
    }

    /** What nginx wrote to its error log so far (for failure messages). */
    public String errors() {
        try {
            Path log = dir.resolve("logs/error.log");
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    private void awaitListening(Duration deadline) throws IOException {
        Instant until = Instant.now().plus(deadline);
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return;
            } catch (IOException notYet) {
                if (!process.isAlive() || Instant.now().isAfter(until)) {
                    process.destroyForcibly();
                    throw new IOException("nginx did not listen on " + port + ": "
                            + Files.readString(dir.resolve("nginx.out")) + errors());
                }
            }
            try {
                Thread.sleep(20); // a poll interval under a deadline
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
    }

    /** SIGTERM (fast shutdown), then SIGKILL if it lingers. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
