package dev.zena.realtime.bench.probe;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Live heap of a JVM, without JMX: {@code jcmd PID GC.run} (a full collection, so what is left is live data),
 * then {@code jcmd PID GC.heap_info}, summing the "used" of its heap or generations (Serial, Parallel, G1, ZGC).
 */
public final class HeapProbe {

    private static final Pattern USED =
            Pattern.compile("(?:heap|generation|space)\\s+total\\s+\\d+K,\\s+used\\s+(\\d+)K|ZHeap\\s+used\\s+(\\d+)M");

    private HeapProbe() {}

    /** Live heap in KiB after a full GC, or -1 when jcmd failed. */
    public static long liveHeapKiB(long pid) {
        if (run(pid, "GC.run") == null) {
            return -1;
        }
        String info = run(pid, "GC.heap_info");
        return info == null ? -1 : usedKiB(info);
    }

    /** Sums the used sizes that {@code GC.heap_info} printed. */
    public static long usedKiB(String heapInfo) {
        Matcher m = USED.matcher(heapInfo);
        long sum = 0;
        boolean isFound = false;
        while (m.find()) {
            isFound = true;
            sum += m.group(1) != null ? Long.parseLong(m.group(1)) : Long.parseLong(m.group(2)) * 1024;
        }
        return isFound ? sum : -1;
    }

    private static String run(long pid, String command) {
        try {
            Process p = new ProcessBuilder("jcmd", String.valueOf(pid), command)
                    .redirectErrorStream(true)
                    .start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return null;
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
