package dev.zena.realtime.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** How a {@code jdbc:postgresql:} URL is taken apart so that no secret travels in it or is shown. */
class PostgresUrlTest {

    @Test
    void credentialsInTheQueryAreLiftedOutAndTheRestIsKept() {
        PostgresUrl url = PostgresUrl.parse(
                "JDBC:PostgreSQL://db.example:5433/zena?user=zena&ssl=true" + "&password=p%40ss&sslmode=verify-full",
                null, null);

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:5433/zena?ssl=true&sslmode=verify-full");
        assertThat(url.shown()).isEqualTo("jdbc:postgresql://db.example:5433/zena");
        assertThat(url.user()).isEqualTo("zena");
        assertThat(url.password()).isEqualTo("p@ss");
        assertThat(url.toString()).doesNotContain("p@ss").contains("****");
    }

    @Test
    void theSettingsWinOverTheUrl() {
        PostgresUrl url = PostgresUrl.parse("jdbc:postgresql://db/zena?user=a&password=b", "ops", "secret");

        assertThat(url.user()).isEqualTo("ops");
        assertThat(url.password()).isEqualTo("secret");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db/zena");
    }

    @Test
    void noCredentialsAnywhereLeavesThemToTheDriver() {
        PostgresUrl url = PostgresUrl.parse("jdbc:postgresql:zena", "", null);

        assertThat(url.user()).isNull();
        assertThat(url.password()).isNull();
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql:zena");
    }

    @Test
    void userAndPasswordBeforeTheHostAreRefusedWithoutEchoingThem() {
        assertThatThrownBy(() -> PostgresUrl.parse("jdbc:postgresql://zena:hunter2@db/zena", null, null))
                .isInstanceOf(StoreException.class)
                .hasMessageNotContaining("hunter2");
    }
}
