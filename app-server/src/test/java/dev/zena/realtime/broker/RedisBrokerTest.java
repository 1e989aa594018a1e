package dev.zena.realtime.broker;

import dev.zena.realtime.testing.TestClock;
import dev.zena.realtime.testing.TestRedis;
import org.junit.jupiter.api.AfterEach;

/**
 * The Redis broker under the broker contract, against a real {@code redis-server} ({@link TestRedis}); every test
 * has a prefix of its own, so tests never see each other's channels. What only a cluster shows (two nodes, an
 * outage, a partition) is in {@link RedisClusterTest}.
 */
class RedisBrokerTest extends BrokerContract {

    private RedisLink link;

    @Override
    protected Broker newBroker(TestClock clock) {
        link = RedisLink.open(TestRedis.get().url(), TestRedis.newPrefix());
        return new RedisBroker(link, clock, HISTORY_SIZE, HISTORY_TTL);
    }

    @AfterEach
    void closeLink() {
        broker.close();
        link.close();
    }
}
