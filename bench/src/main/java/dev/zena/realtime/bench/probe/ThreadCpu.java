package dev.zena.realtime.bench.probe;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time of a process's threads, from Linux's {@code /proc/PID/task/TID/schedstat} (its first field: nanoseconds
 * on a CPU, exact where {@code stat}'s ticks are 10 ms) and {@code comm} (the thread's name, cut at 15 characters).
 * Threads are grouped by name without a trailing number: {@code http-27} and {@code http-31} are {@code http}.
 */
public final class ThreadCpu {

    /** Each live thread's nanoseconds on a CPU and group, by thread id; empty when the process is gone. */
    public record Snapshot(Map<Long, Long> nanos, Map<Long, String> groups) {}

    private ThreadCpu() {}

    /** The threads of {@code pid} now. */
    public static Snapshot of(long pid) {
        Map<Long, Long> nanos = new HashMap<>();
        Map<Long, String> groups = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", String.valueOf(pid), "task"))) {
            for (Path task : tasks) {
                try {
                    long tid = Long.parseLong(task.getFileName().toString());
                    long ns = Long.parseLong(Files.readString(task.resolve("schedstat"))
                            .split(" ", 2)[0]
                            .trim());
                    nanos.put(tid, ns);
                    groups.put(tid, group(Files.readString(task.resolve("comm"))));
                } catch (IOException | NumberFormatException e) {
                    // the thread ended between the listing and the read: it is not counted
                }
            }
        } catch (IOException e) {
            // the process is gone
        }
        return new Snapshot(nanos, groups);
    }

    /**
     * CPU seconds per group from {@code before} to {@code after}: a thread started in between counts whole, a thread
     * that ended in between is not counted.
     */
    public static Map<String, Double> between(Snapshot before, Snapshot after) {
        Map<String, Double> out = new TreeMap<>();
        after.nanos().forEach((tid, ns) -> {
            long used = ns - before.nanos().getOrDefault(tid, 0L);
            out.merge(after.groups().get(tid), used / 1e9, Double::sum);
        });
        return out;
    }

    /** A thread's name without its trailing number and the separator before it. */
    static String group(String comm) {
        String name = comm.strip();
        String stripped = name.replaceFirst("[-#_ ]?\\d+$", "");
        return stripped.isEmpty() ? name : stripped;
    }
}
