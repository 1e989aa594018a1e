package dev.zena.realtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TenantTagsTest {

    @Test
    void theFirstTenantsSeenKeepTheirTagTheRestShareOther() {
        TenantTags tags = new TenantTags(2);
        assertThat(tags.of("acme")).isEqualTo("acme");
        assertThat(tags.of("globex")).isEqualTo("globex");
        assertThat(tags.of("initech")).isEqualTo(TenantTags.OTHER);
        assertThat(tags.of("acme")).isEqualTo("acme");
        assertThat(tags.of(null)).isEqualTo(TenantTags.NONE);
    }
}
