package dev.zena.realtime.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The wire instant format: UTC, exactly three fraction digits, truncated, {@code Z}. */
class InstantFormatTest {

    @ParameterizedTest
    @CsvSource({
        "2026-11-25T10:30:00Z,            2026-11-25T10:30:00.000Z",
        "2026-11-25T10:30:00.1Z,          2026-11-25T10:30:00.100Z",
        "2026-11-25T10:30:00.123Z,        2026-11-25T10:30:00.123Z",
        "2026-11-25T10:30:00.123999999Z,  2026-11-25T10:30:00.123Z",
        "2026-11-25T10:30:59.999999999Z,  2026-11-25T10:30:59.999Z",
        "2026-12-31T23:59:59.9999Z,       2026-12-31T23:59:59.999Z",
        "2026-11-25T10:30:00.000999Z,     2026-11-25T10:30:00.000Z",
        "1970-01-01T00:00:00Z,            1970-01-01T00:00:00.000Z",
        "1969-12-31T23:59:59.999999Z,     1969-12-31T23:59:59.999Z",
        "0001-01-01T00:00:00Z,            0001-01-01T00:00:00.000Z",
        "2024-02-29T12:00:00.5Z,          2024-02-29T12:00:00.500Z",
        "9999-12-31T23:59:59.999999999Z,  9999-12-31T23:59:59.999Z",
        "+10000-01-01T00:00:00Z,          +10000-01-01T00:00:00.000Z"
    })
    void formatsWithExactlyThreeTruncatedFractionDigits(String instant, String expected) {
        assertThat(WireCodec.formatInstant(Instant.parse(instant))).isEqualTo(expected);
    }

    @Test
    void zeroNanosStillPrintThreeDigits() {
        assertThat(WireCodec.formatInstant(Instant.ofEpochSecond(1_795_602_600L)))
                .endsWith(".000Z");
    }

    @Test
    void handWrittenFormatAgreesWithTheJdkFormatterOnRandomInstants() {
        DateTimeFormatter reference =
                DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(java.time.ZoneOffset.UTC);
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 10_000; i++) {
            Instant instant = Instant.ofEpochSecond(
                    random.nextLong(-62_135_596_800L, 253_402_300_799L), random.nextInt(1_000_000_000));
            assertThat(WireCodec.formatInstant(instant))
                    .as("%s", instant)
                    .isEqualTo(reference.format(instant.truncatedTo(ChronoUnit.MILLIS)));
        }
    }

    @Test
    void parseReadsWhatFormatWrites() {
        Instant instant = Instant.parse("2026-11-25T10:30:00.123Z");

        assertThat(WireCodec.parseInstant(WireCodec.formatInstant(instant))).isEqualTo(instant);
    }

    @Test
    void parseAcceptsOtherIsoFractions() {
        assertThat(WireCodec.parseInstant("2026-11-25T10:30:00Z")).isEqualTo(Instant.ofEpochSecond(1_795_602_600L));
        assertThat(WireCodec.parseInstant("2026-11-25T10:30:00.123456Z").getNano())
                .isEqualTo(123_456_000);
    }

    @Test
    void parseRejectsNonInstants() {
        assertThatThrownBy(() -> WireCodec.parseInstant("yesterday")).isInstanceOf(DateTimeParseException.class);
    }
}
