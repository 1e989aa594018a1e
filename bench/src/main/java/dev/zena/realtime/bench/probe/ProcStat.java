package dev.zena.realtime.bench.probe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time and resident memory of a process, read from Linux's /proc: {@code stat} fields 14 and 15 (utime,
 * stime, in clock ticks of 1/100 s, the Linux default USER_HZ) and {@code status} VmRSS.
 */
public final class ProcStat {

    /** USER_HZ: Linux reports /proc CPU times in 1/100 s on every common architecture. */
    public static final double TICKS_PER_SECOND = 100.0;

    private ProcStat() {}

    /** CPU seconds (user + system) the process has used so far; pid "self" for this process. */
    public static double cpuSeconds(String pid) {
        try {
            return cpuSecondsOf(Files.readString(Path.of("/proc", pid, "stat")));
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    /** Parses a /proc/PID/stat line; the command name may hold spaces and parentheses, so count from the last ')'. */
    public static double cpuSecondsOf(String statLine) {
        String[] fields =
                statLine.substring(statLine.lastIndexOf(')') + 2).trim().split(" ");
        // fields[0] is field 3 (state): utime is field 14, stime field 15.
        long utime = Long.parseLong(fields[11]);
        long stime = Long.parseLong(fields[12]);
        return (utime + stime) / TICKS_PER_SECOND;
    }

    /** Resident set size in KiB, or -1 when the process is gone. */
    public static long rssKiB(String pid) {
        try {
            return rssOf(Files.readString(Path.of("/proc", pid, "status")));
        } catch (IOException e) {
            return -1;
        }
    }

    /** The VmRSS line of a /proc/PID/status text, in KiB. */
    public static long rssOf(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.substring(6).trim().split("\\s+")[0]);
            }
        }
        return -1;
    }
}
