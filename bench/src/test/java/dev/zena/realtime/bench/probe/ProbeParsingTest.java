package dev.zena.realtime.bench.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ProbeParsingTest {

    private static volatile long sink; // keeps the burner's loop from being optimised away

    @Test
    void readsUserPlusSystemTicksEvenWhenTheCommandHasSpaces() {
        String stat = "1234 (java (main) x) S 1 1234 1234 0 -1 4194560 100 0 0 0 250 50 0 0 20 0 30 0 100 0 0";

        assertThat(ProcStat.cpuSecondsOf(stat)).isEqualTo(3.0);
    }

    @Test
    void groupsThreadsByTheirNameWithoutItsNumber() {
        assertThat(ThreadCpu.group("http-27\n")).isEqualTo("http");
        assertThat(ThreadCpu.group("redis-broker-la")).isEqualTo("redis-broker-la");
        assertThat(ThreadCpu.group("GC Thread#0")).isEqualTo("GC Thread");
        assertThat(ThreadCpu.group("http-27-accepto")).isEqualTo("http-27-accepto");
        assertThat(ThreadCpu.group("C1 CompilerThre")).isEqualTo("C1 CompilerThre");
        assertThat(ThreadCpu.group("42")).isEqualTo("42");
    }

    @Test
    void countsAThreadStartedBetweenTwoSnapshotsWholeAndOneThatEndedNotAtAll() {
        ThreadCpu.Snapshot before =
                new ThreadCpu.Snapshot(Map.of(1L, 5_000_000L, 2L, 7_000_000L), Map.of(1L, "http", 2L, "gone"));
        ThreadCpu.Snapshot after =
                new ThreadCpu.Snapshot(Map.of(1L, 9_000_000L, 3L, 2_000_000L), Map.of(1L, "http", 3L, "http"));

        Map<String, Double> used = ThreadCpu.between(before, after);

        assertThat(used).containsOnlyKeys("http");
        assertThat(used.get("http")).isCloseTo(0.006, within(1e-12));
    }

    @Test
    void readsWhatAThreadOfThisProcessUsedFromProc() throws Exception {
        long pid = ProcessHandle.current().pid();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        CountDownLatch burnt = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ThreadCpu.Snapshot before = ThreadCpu.of(pid);
        Thread burner = new Thread(
                () -> {
                    long until = mx.getCurrentThreadCpuTime() + 50_000_000L; // 50 ms of CPU, however long it takes
                    long x = 0;
                    while (mx.getCurrentThreadCpuTime() < until) {
                        x += System.nanoTime() % 7;
                    }
                    sink = x;
                    burnt.countDown();
                    try {
                        release.await(); // alive until read: a thread that ended is not counted
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "probe-burner-1");
        burner.start();
        try {
            assertThat(burnt.await(60, TimeUnit.SECONDS)).isTrue();
            ThreadCpu.Snapshot after = ThreadCpu.of(pid);

            assertThat(after.groups()).containsValue("probe-burner");
            assertThat(ThreadCpu.between(before, after).get("probe-burner"))
                    .as("50 ms of CPU, less what the kernel had not yet added up for the running thread")
                    .isGreaterThanOrEqualTo(0.04);
        } finally {
            release.countDown();
            burner.join();
        }
    }

    @Test
    void readsResidentMemory() {
        assertThat(ProcStat.rssOf("Name:\tjava\nVmPeak:\t 999 kB\nVmRSS:\t  245760 kB\nThreads:\t12\n"))
                .isEqualTo(245760);
    }

    @Test
    void sumsTheGenerationsOfSerialAndTheHeapOfG1() {
        String serial = """
                 def new generation   total 78656K, used 1402K [0x..., 0x..., 0x...)
                  eden space 69952K,   2% used [0x..., 0x..., 0x...)
                 tenured generation   total 174784K, used 20480K [0x..., 0x..., 0x...)
                 Metaspace       used 30000K, committed 30500K, reserved 1114112K
                """;
        String g1 = " garbage-first heap   total 262144K, used 12345K [0x..., 0x...)\n"
                + "  region size 1024K, 3 young (3072K), 0 survivors (0K)\n";

        assertThat(HeapProbe.usedKiB(serial)).isEqualTo(21882);
        assertThat(HeapProbe.usedKiB(g1)).isEqualTo(12345);
        assertThat(HeapProbe.usedKiB("nothing")).isEqualTo(-1);
    }
}
