package dev.zena.realtime.limits;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MemoryConnectionCapsTest {

    private final MemoryConnectionCaps caps = new MemoryConnectionCaps(3, 2);

    @Test
    void capsPerUserThenPerTenantAndReleasesOnClose() {
        assertThat(caps.admit("c1", "acme", "ann")).isEmpty();
        assertThat(caps.admit("c2", "acme", "ann")).isEmpty();
        assertThat(caps.admit("c3", "acme", "ann"))
                .get()
                .extracting(LimitExceeded::limit)
                .isEqualTo(Limit.CONNECTIONS_PER_USER);
        assertThat(caps.admit("c4", "acme", "bob")).isEmpty();
        assertThat(caps.admit("c5", "acme", "cy"))
                .get()
                .extracting(LimitExceeded::limit)
                .isEqualTo(Limit.CONNECTIONS_PER_TENANT);
        assertThat(caps.admit("c6", "globex", "gil")).isEmpty();
        caps.release("c1");
        caps.release("c3");
        assertThat(caps.ofUser("ann")).isEqualTo(1);
        assertThat(caps.admit("c5", "acme", "cy")).isEmpty();
    }

    @Test
    void aRefreshOfAnAdmittedConnectionIsNotCountedAgain() {
        assertThat(caps.admit("c1", "acme", "ann")).isEmpty();
        assertThat(caps.admit("c1", "acme", "ann")).isEmpty();
        assertThat(caps.admit("c1", "acme", "ann")).isEmpty();
        assertThat(caps.ofUser("ann")).isEqualTo(1);
        assertThat(caps.ofTenant("acme")).isEqualTo(1);
        caps.release("c1");
        caps.release("c1");
        assertThat(caps.ofTenant("acme")).isZero();
    }
}
