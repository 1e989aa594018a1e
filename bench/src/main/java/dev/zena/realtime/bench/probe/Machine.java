package dev.zena.realtime.bench.probe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the run happened on, for the report's header. */
public final class Machine {

    private Machine() {}

    /** CPU model, cores online, memory, kernel, and the generator's JVM. */
    public static Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cpu_model", firstValue("/proc/cpuinfo", "model name"));
        m.put("cores_online", countLines("/proc/cpuinfo", "processor"));
        m.put("memory_total", firstValue("/proc/meminfo", "MemTotal"));
        m.put("kernel", System.getProperty("os.version"));
        m.put("generator_jvm", System.getProperty("java.vm.name") + " " + Runtime.version());
        m.put("generator_cpus_visible", Runtime.getRuntime().availableProcessors());
        return m;
    }

    /** The command line of a process (its JVM flags included), or "" when it is gone. */
    public static String commandLine(long pid) {
        try {
            return Files.readString(Path.of("/proc", String.valueOf(pid), "cmdline"))
                    .replace('\0', ' ')
                    .trim();
        } catch (IOException e) {
            return "";
        }
    }

    private static String firstValue(String file, String key) {
        try {
            for (String line : Files.readAllLines(Path.of(file))) {
                if (line.startsWith(key)) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException ignored) {
            // not Linux: leave it blank
        }
        return "";
    }

    private static long countLines(String file, String key) {
        try {
            return Files.readAllLines(Path.of(file)).stream()
                    .filter(l -> l.startsWith(key))
                    .count();
        } catch (IOException e) {
            return -1;
        }
    }
}
