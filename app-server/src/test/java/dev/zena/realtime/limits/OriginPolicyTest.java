package dev.zena.realtime.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class OriginPolicyTest {

    @Test
    void anEmptyListAllowsAnyOrigin() {
        assertThat(new OriginPolicy(List.of()).isAllowed("https://evil.example"))
                .isTrue();
    }

    @Test
    void aListAllowsItsOriginsAndHandshakesWithoutOrigin() {
        OriginPolicy policy = new OriginPolicy(List.of("https://app.example.com", "http://localhost:3000"));
        assertThat(policy.isAllowed("https://APP.example.com")).isTrue();
        assertThat(policy.isAllowed("http://localhost:3000/")).isTrue();
        assertThat(policy.isAllowed(null)).as("not a browser").isTrue();
        assertThat(policy.isAllowed("https://app.example.com:8443")).isFalse();
        assertThat(policy.isAllowed("http://app.example.com")).isFalse();
        assertThat(policy.isAllowed("null")).isFalse();
    }
}
