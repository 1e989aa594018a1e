package dev.zena.realtime.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zena.realtime.testing.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The cluster's identity record and the Redis connection's refusals, against a real {@code redis-server}: a
 * record Redis lost (restarted empty) is written again by the running nodes' refresh, so a node with another key
 * started afterwards is still refused; a password Redis refuses is named as such, not as an unreachable Redis.
 */
@Timeout(30)
class ClusterIdentityTest {

    private RedisLink link;

    @BeforeEach
    void open() {
        link = RedisLink.open(TestRedis.get().url(), TestRedis.newPrefix());
    }

    @AfterEach
    void close() {
        link.close();
    }

    @Test
    void aRecordRedisLostIsWrittenAgainByTheRunningNodesRefresh() {
        assertThat(ClusterIdentity.claim(link, "key-1", "store-1")).isEmpty();
        link.call(c -> c.del(link.globalKey("cluster"))); // as a Redis restarted without its data
        assertThat(ClusterIdentity.refresh(link, "key-1", "store-1")).isEmpty();
        assertThat(ClusterIdentity.claim(link, "key-2", "store-1"))
                .get()
                .asString()
                .contains("JWT key");
        assertThat(ClusterIdentity.claim(link, "key-1", "store-2"))
                .get()
                .asString()
                .contains("store");
    }

    @Test
    void aRefreshReportsARecordThatIsAnotherNodes() {
        link.call(c -> c.del(link.globalKey("cluster")));
        assertThat(ClusterIdentity.claim(link, "key-other", "store-1")).isEmpty(); // joined while it was gone
        assertThat(ClusterIdentity.refresh(link, "key-1", "store-1"))
                .get()
                .asString()
                .contains("JWT key");
    }

    @Test
    void aPasswordRedisRefusesIsNamedAsSuchNotAsAnUnreachableRedis() {
        String user = "zena-probe-" + ProcessHandle.current().pid();
        link.call(c -> c.aclSetuser(
                user,
                io.lettuce.core.AclSetuserArgs.Builder.on()
                        .addPassword("right")
                        .allKeys()
                        .allChannels()
                        .allCommands()));
        try {
            String url =
                    "redis://" + user + ":wrong@127.0.0.1:" + TestRedis.get().port();
            assertThatThrownBy(() -> RedisLink.open(url, "zena"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("refused the credentials of redis.url")
                    .hasMessageContaining("WRONGPASS");
            String good =
                    "redis://" + user + ":right@127.0.0.1:" + TestRedis.get().port();
            try (RedisLink admitted = RedisLink.open(good, "zena")) {
                String pong = admitted.call(c -> c.ping());
                assertThat(pong).isEqualTo("PONG");
            }
        } finally {
            link.call(c -> c.aclDeluser(user));
        }
    }

    @Test
    void aRedisNobodyListensOnIsUnreachable() throws Exception {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String url = "redis://127.0.0.1:" + port;
        assertThatThrownBy(() -> RedisLink.open("redis://zena:s3cret-pass@127.0.0.1:" + port, "zena"))
                .isInstanceOf(BrokerUnavailableException.class)
                .message()
                .as("the password of redis.url never shows")
                .doesNotContain("s3cret-pass");
        assertThatThrownBy(() -> RedisLink.open(url, "zena"))
                .isInstanceOf(BrokerUnavailableException.class)
                .hasMessageContaining("cannot reach Redis at 127.0.0.1:" + port)
                .as("names what the socket said")
                .hasMessageContaining("refused");
    }
}
