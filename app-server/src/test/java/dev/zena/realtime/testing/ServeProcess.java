package dev.zena.realtime.testing;

import dev.zena.realtime.cli.Main;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code zena-server serve} as an operator runs it: a child JVM configured only through {@code WEBSOCKET_*}
 * environment variables (the way packaging/src/cluster/compose.yml configures a node), bound to 127.0.0.1 and a
 * port of its own choosing, which is read from its {@code server_started} log line. The command line is built from
 * this JVM's class path, or from the fat jar when the system property {@code zena.serve.jar} names one. No
 * {@code WEBSOCKET_*} or {@code ZENA_*} variable of the test JVM leaks into the child. Its log goes to a file in
 * the test's directory, quoted in every failure.
 */
public final class ServeProcess implements AutoCloseable {

    private static final Pattern STARTED = Pattern.compile("server_started .*port=(\\d+)");
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /** Longest wait for {@code server_started}: an upper bound for a JVM starting on a loaded machine. */
    private static final Duration LOG_START = Duration.ofSeconds(90);

    private final String name;
    private final Process process;
    private final Path log;
    private final int port;

    private ServeProcess(String name, Process process, Path log, int port) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /**
     * Starts a node named {@code name} with {@code env} (full {@code WEBSOCKET_*} names) and returns once its
     * {@code /health/ready} answers 200, or fails with the node's log when it exited or {@code deadline} passed.
     */
    public static ServeProcess start(Path dir, String name, Map<String, String> env, Duration deadline) {
        ServeProcess node = launch(dir, name, env);
        node.awaitReady(deadline);
        return node;
    }

    /** Starts a node without waiting for readiness; the port is known once it logged {@code server_started}. */
    public static ServeProcess launch(Path dir, String name, Map<String, String> env) {
        Path log = dir.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command())
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(key -> key.startsWith("WEBSOCKET_") || key.startsWith("ZENA_"));
        builder.environment().putAll(env);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start node " + name, e);
        }
        Instant until = Instant.now().plus(LOG_START);
        while (true) {
            Matcher started = STARTED.matcher(read(log));
            if (started.find()) {
                return new ServeProcess(name, process, log, Integer.parseInt(started.group(1)));
            }
            if (!process.isAlive() || Instant.now().isAfter(until)) {
                process.destroyForcibly();
                throw new AssertionError("node " + name + " did not start (exit "
                        + (process.isAlive() ? "none" : process.exitValue()) + "); its log:\n" + read(log));
            }
            pause();
        }
    }

    private static List<String> command() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // A small node: these tests prove behaviour, not speed, on a machine that runs several at once.
        command.addAll(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        // More JVM options, after these so that they win (bench/run.sh soak: a touched heap and native memory
        // tracking).
        String extra = System.getProperty("zena.serve.jvm", "").strip();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        String jar = System.getProperty("zena.serve.jar");
        if (jar != null && !jar.isBlank()) {
            command.addAll(List.of("-jar", jar));
        } else {
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        }
        command.addAll(List.of("serve", "--host", "127.0.0.1", "--port", "0"));
        return command;
    }

    /** The node's name (also its {@code node.id} when the caller set {@code WEBSOCKET_NODE_ID} to it). */
    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    /** The child's process id, for reading {@code /proc/PID} or attaching to its JVM. */
    public long pid() {
        return process.pid();
    }

    /** {@code ws://127.0.0.1:PORT/ws}. */
    public URI ws() {
        return URI.create("ws://127.0.0.1:" + port + "/ws");
    }

    /** {@code http://127.0.0.1:PORT} + path. */
    public URI http(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** The status of a GET of {@code path}, or -1 when the node does not answer (gone, or not listening). */
    public int status(String path) {
        try {
            return HTTP.send(
                            HttpRequest.newBuilder(http(path))
                                    .timeout(Duration.ofSeconds(3))
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits until {@code /health/ready} answers 200; fails with the node's log when it exits or time runs out. */
    public void awaitReady(Duration deadline) {
        awaitStatus("/health/ready", 200, deadline);
    }

    /** Waits until a GET of {@code path} answers {@code expected}; fails with the node's log otherwise. */
    public void awaitStatus(String path, int expected, Duration deadline) {
        Instant until = Instant.now().plus(deadline);
        int last;
        while ((last = status(path)) != expected) {
            if (!process.isAlive() || Instant.now().isAfter(until)) {
                throw new AssertionError("node " + name + ": " + path + " answered " + last + ", not " + expected
                        + " within " + deadline + (process.isAlive() ? "" : " (exited " + process.exitValue() + ")")
                        + "; its log:\n" + read(log));
            }
            pause();
        }
    }

    /** SIGKILL, as a crash or the OOM killer: no drain, nothing given back. Returns once the process is gone. */
    public void kill() {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(10));
    }

    /** SIGTERM, as systemd or a container runtime stops a node; returns the exit code, or fails at the deadline. */
    public int terminate(Duration deadline) {
        process.destroy(); // SIGTERM on Unix
        return awaitExit(deadline);
    }

    private int awaitExit(Duration deadline) {
        try {
            if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(
                        "node " + name + " still runs " + deadline + " after the signal; its log:\n" + read(log));
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Everything the node logged so far. */
    public String log() {
        return read(log);
    }

    /** Kills the node if it still runs (a test that failed half-way). */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50); // a poll interval under a deadline, not a wait for something to settle
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
