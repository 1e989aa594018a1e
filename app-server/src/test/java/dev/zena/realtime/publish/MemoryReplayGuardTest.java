package dev.zena.realtime.publish;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MemoryReplayGuardTest {

    @Test
    void refusesASignatureUntilItsTimestampLeavesTheWindowAndThenForgetsIt() {
        MemoryReplayGuard guard = new MemoryReplayGuard(300);
        assertThat(guard.firstUse("a", 1_000, 1_000)).isTrue();
        assertThat(guard.firstUse("a", 1_000, 1_299)).isFalse();
        assertThat(guard.firstUse("a", 1_000, 1_300)).isFalse();
        assertThat(guard.firstUse("b", 1_301, 1_301)).isTrue();
        assertThat(guard.size()).isEqualTo(1);
    }

    @Test
    void memoryStaysBoundedByOneWindowOfRequests() {
        MemoryReplayGuard guard = new MemoryReplayGuard(300);
        for (long second = 0; second < 3_000; second++) {
            for (int i = 0; i < 10; i++) {
                guard.firstUse(second + "-" + i, second, second);
            }
        }
        assertThat(guard.size()).isLessThanOrEqualTo(301 * 10);
    }
}
