package dev.zena.realtime.bench.probe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProbeParsingTest {

    @Test
    void readsUserPlusSystemTicksEvenWhenTheCommandHasSpaces() {
        String stat = "1234 (java (main) x) S 1 1234 1234 0 -1 4194560 100 0 0 0 250 50 0 0 20 0 30 0 100 0 0";

        assertThat(ProcStat.cpuSecondsOf(stat)).isEqualTo(3.0);
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
