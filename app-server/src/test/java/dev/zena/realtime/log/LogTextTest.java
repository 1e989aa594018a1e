package dev.zena.realtime.log;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How a client value looks on a log line, and the layout's backstop for whole messages. */
class LogTextTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '\'',
            value = {
                "plain               | project.acme-tower          | project.acme-tower",
                "empty               | ''                          | \"\"",
                "space is quoted     | a b                         | \"a b\"",
                "equals is quoted    | code=200                    | \"code=200\"",
                "quote inside quotes | 'say \"hi\" x'              | '\"say \\\"hi\\\" x\"'",
                "backslash           | a\\b                        | a\\\\b",
            })
    void valuesThatCannotPoseAsFieldsOrEscapes(String name, String raw, String logged) {
        assertThat(LogText.of(raw)).isEqualTo(logged);
    }

    @Test
    void controlCharactersAreEscapedAndLineBreaksNeverSurvive() {
        assertThat(LogText.of("a\nb\rc\td\u0000e\u007f\u0085\u2028")).isEqualTo("a\\nb\\rc\\td\\x00e\\x7f\\x85\\u2028");
        assertThat(LogText.of(null)).isNull();
    }

    @Test
    void aLongValueKeepsItsStartAndSaysItsLength() {
        String logged = LogText.of("x".repeat(5_000));
        assertThat(logged).isEqualTo("x".repeat(LogText.MAX_CHARS) + "…(5000 chars)");
    }

    @Test
    void aListShowsAFewNamesAndCountsTheRest() {
        assertThat(LogText.names(List.of("a", "b c", "d", "e", "f"))).isEqualTo("[a,\"b c\",d,…+2]");
        assertThat(LogText.names(List.of("a"))).isEqualTo("[a]");
    }

    @Test
    void theLayoutEscapesLineBreaksInAnyMessage() {
        SafeMessageConverter converter = new SafeMessageConverter();
        LoggingEvent event = new LoggingEvent(
                "x", new LoggerContext().getLogger("lib"), Level.WARN, "bad request {}", null, new Object[] {
                    "GET /x\n2026-12-02 ERROR forged\u0000"
                });
        assertThat(converter.convert(event)).isEqualTo("bad request GET /x\\n2026-12-02 ERROR forged\\x00");
        LoggingEvent plain = new LoggingEvent(
                "x", new LoggerContext().getLogger("lib"), Level.INFO, "ok {}", null, new Object[] {1});
        assertThat(converter.convert(plain)).isEqualTo("ok 1");
    }
}
