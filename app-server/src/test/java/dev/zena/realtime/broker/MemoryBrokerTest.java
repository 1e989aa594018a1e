package dev.zena.realtime.broker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zena.realtime.testing.TestClock;
import org.junit.jupiter.api.Test;

/** The memory broker under the broker contract, plus what is its own: delivery before publish returns. */
class MemoryBrokerTest extends BrokerContract {

    @Override
    protected Broker newBroker(TestClock clock) {
        return new MemoryBroker(clock, HISTORY_SIZE, HISTORY_TTL);
    }

    @Test
    void deliversLocallyBeforePublishReturnsAndAnotherProcessHasAnotherEpoch() {
        assertThat(broker.publish(event("project.p1", 1))).isEqualTo(1);
        assertThat(delivered.offsets("project.p1")).containsExactly(1L);
        try (MemoryBroker other = new MemoryBroker(clock, HISTORY_SIZE, HISTORY_TTL)) {
            assertThat(other.position("project.p1").epoch())
                    .isNotEqualTo(broker.position("project.p1").epoch());
        }
    }

    @Test
    void aClosedBrokerDeliversNothing() {
        broker.close();
        assertThat(broker.publish(event("project.p1", 1))).isZero();
        assertThat(delivered.offsets("project.p1")).isEmpty();
    }
}
