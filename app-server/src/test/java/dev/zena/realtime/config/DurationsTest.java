package dev.zena.realtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({
        "30, 30000",
        "0.5, 500",
        "0, 0",
        "500ms, 500",
        "10s, 10000",
        "5m, 300000",
        "1h, 3600000",
        "1.5h, 5400000",
        "' 2s ', 2000",
        "2 s, 2000",
        "10S, 10000",
        "0.25ms, 0"
    })
    void parsesSecondsAndUnitSuffixes(String text, long millis) {
        assertThat(Durations.parse(text).toMillis()).isEqualTo(millis);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "-1", "5d", "1.", ".5", "1e3", "10 seconds", "s", "1h30m"})
    void rejectsEverythingElseNamingTheText(String text) {
        assertThatThrownBy(() -> Durations.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "'");
    }

    @ParameterizedTest
    @CsvSource({"30000, 30s", "500, 500ms", "0, 0s", "90000, 90s"})
    void formatsBackIntoTheSameSyntax(long millis, String text) {
        assertThat(Durations.format(Duration.ofMillis(millis))).isEqualTo(text);
        assertThat(Durations.parse(text)).isEqualTo(Duration.ofMillis(millis));
    }
}
