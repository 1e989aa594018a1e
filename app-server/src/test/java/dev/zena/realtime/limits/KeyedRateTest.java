package dev.zena.realtime.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zena.realtime.config.ServerConfig;
import dev.zena.realtime.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Per-key rates: REST 60/min per user, publish 1000/s per key, handshakes 20/s per address; bounded memory. */
class KeyedRateTest {

    private final TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final Limits limits = Limits.of(ServerConfig.defaults(), clock);

    @Test
    void restAllowsSixtyPerMinutePerUserThenSaysWhenTheNextOneFits() {
        for (int i = 0; i < 60; i++) {
            assertThat(limits.rest().tryAcquire("u1")).isEmpty();
        }
        LimitExceeded refused = limits.rest().tryAcquire("u1").orElseThrow();
        assertThat(refused.limit()).isEqualTo(Limit.REST_PER_USER);
        assertThat(refused.retryAfterSeconds()).isEqualTo(1);
        assertThat(limits.rest().tryAcquire("u2")).as("another user").isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(limits.rest().tryAcquire("u1")).isEmpty();
    }

    @Test
    void publishAllowsAThousandPerSecondPerKey() {
        for (int i = 0; i < 1000; i++) {
            assertThat(limits.publish().tryAcquire("backend")).isEmpty();
        }
        assertThat(limits.publish().tryAcquire("backend"))
                .get()
                .extracting(LimitExceeded::limit)
                .isEqualTo(Limit.PUBLISH_PER_KEY);
    }

    @Test
    void forgetsKeysIdleForAWholePeriodAndNoSooner() {
        for (int i = 0; i < 1000; i++) {
            limits.rest().tryAcquire("user-" + i);
        }
        clock.advance(Duration.ofSeconds(59));
        limits.evictIdle();
        assertThat(limits.rest().size()).isEqualTo(1000);
        clock.advance(Duration.ofSeconds(1));
        limits.evictIdle();
        assertThat(limits.rest().size()).isZero();
    }

    @Test
    void handshakesPerAddressThenOpenConnectionsPerAddress() {
        AddressCaps addresses = limits.addresses();
        for (int i = 0; i < 20; i++) {
            assertThat(addresses.checkHandshake("10.0.0.1")).isEmpty();
        }
        LimitExceeded refused = addresses.checkHandshake("10.0.0.1").orElseThrow();
        assertThat(refused.limit()).isEqualTo(Limit.HANDSHAKES_PER_IP);
        assertThat(refused.retryAfterSeconds()).isEqualTo(1);
        for (int i = 0; i < 100; i++) {
            assertThat(addresses.opened("10.0.0.2")).isTrue();
        }
        assertThat(addresses.checkHandshake("10.0.0.2"))
                .get()
                .isEqualTo(new LimitExceeded(Limit.CONNECTIONS_PER_IP, AddressCaps.CONNECTIONS_RETRY_SECONDS));
        assertThat(addresses.opened("10.0.0.2")).as("a racing 101st").isFalse();
        addresses.closed("10.0.0.2");
        addresses.closed("10.0.0.2");
        assertThat(addresses.checkHandshake("10.0.0.2")).isEmpty();
    }
}
