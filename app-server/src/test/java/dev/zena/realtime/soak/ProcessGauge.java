package dev.zena.realtime.soak;

import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * Reads what a server process holds, from outside it: resident memory and live threads from
 * {@code /proc/PID/status}, open files from {@code /proc/PID/fd}, and the heap in use after a full collection through
 * the JVM's own management agent, started by the attach API (no JMX port, no flag on the server's command line).
 */
final class ProcessGauge implements AutoCloseable {

    /**
     * One reading, {@code seconds} after the soak started. Resident memory also split as {@code /proc} does:
     * anonymous (heap, native allocations, code) and file-backed (the jar, libraries, the SQLite file's mapped pages).
     */
    record Sample(double seconds, long rssKb, long rssAnonKb, long rssFileKb, long heapKb, long threads, long fds) {}

    private final long pid;
    private final JMXConnector jmx;
    private final MemoryMXBean memory;

    private ProcessGauge(long pid, JMXConnector jmx, MemoryMXBean memory) {
        this.pid = pid;
        this.jmx = jmx;
        this.memory = memory;
    }

    /** Attaches to the JVM of {@code pid} (same user) and starts its local management agent. */
    static ProcessGauge attach(long pid) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
        String address;
        try {
            address = vm.startLocalManagementAgent();
        } finally {
            vm.detach();
        }
        JMXConnector jmx = JMXConnectorFactory.connect(new JMXServiceURL(address));
        MemoryMXBean memory = ManagementFactory.newPlatformMXBeanProxy(
                jmx.getMBeanServerConnection(), ManagementFactory.MEMORY_MXBEAN_NAME, MemoryMXBean.class);
        return new ProcessGauge(pid, jmx, memory);
    }

    /**
     * Runs the JVM's {@code VM.native_memory} diagnostic command with {@code argument} ({@code baseline},
     * {@code summary.diff}, ...) through the management agent: its text, which says so when the server runs without
     * {@code -XX:NativeMemoryTracking}.
     */
    String nativeMemory(String argument) {
        try {
            return (String) jmx.getMBeanServerConnection()
                    .invoke(
                            new ObjectName("com.sun.management:type=DiagnosticCommand"),
                            "vmNativeMemory",
                            new Object[] {new String[] {argument}},
                            new String[] {String[].class.getName()});
        } catch (Exception e) {
            return "VM.native_memory " + argument + " failed: " + e;
        }
    }

    /** Collects the server's garbage (a full GC), then reads the figures; called from one thread. */
    Sample sample(double seconds) {
        memory.gc();
        long heapKb = memory.getHeapMemoryUsage().getUsed() / 1024;
        String status = read(Path.of("/proc", Long.toString(pid), "status"));
        return new Sample(
                seconds,
                field(status, "VmRSS:"),
                field(status, "RssAnon:"),
                field(status, "RssFile:"),
                heapKb,
                field(status, "Threads:"),
                openFiles());
    }

    long openFiles() {
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return fds.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long field(String status, String name) {
        return status.lines()
                .filter(line -> line.startsWith(name))
                .map(line -> line.substring(name.length()).trim().split("\\s+")[0])
                .mapToLong(Long::parseLong)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no " + name + " in /proc status"));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        jmx.close();
    }
}
