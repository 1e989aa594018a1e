package dev.zena.realtime.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EventScanTest {

    private final EventScan scan = new EventScan();

    @Test
    void readsChannelOffsetAndSendTimeFromOurEvent() {
        String text = "{\"type\":\"event\",\"channel\":\"task.bench-t1\",\"event\":\"task.updated\",\"data\":{\"id\":"
                + "\"bench-t1\",\"title\":\"t=987654321\",\"status\":\"open\"},\"offset\":17,"
                + "\"timestamp\":\"2026-11-25T10:30:00.123Z\"}";

        assertThat(scan.scan(text)).isTrue();
        assertThat(scan.offset()).isEqualTo(17);
        assertThat(scan.sentNanos()).isEqualTo(987654321L);
        assertThat(scan.isChannel(text, "task.bench-t1")).isTrue();
        assertThat(scan.isChannel(text, "task.bench-t")).isFalse();
        assertThat(scan.isChannel(text, "task.bench-t10")).isFalse();
    }

    @Test
    void readsTheSameFieldsInsideSocketIoFraming() {
        String text = "42[\"event\",{\"channel\":\"task.bench-t2\",\"event\":\"task.updated\",\"data\":{\"title\":"
                + "\"t=-42\"},\"offset\":3,\"timestamp\":\"x\"}]";

        assertThat(scan.scan(text)).isTrue();
        assertThat(scan.offset()).isEqualTo(3);
        assertThat(scan.sentNanos()).isEqualTo(-42);
        assertThat(scan.channel(text)).isEqualTo("task.bench-t2");
    }

    @Test
    void refusesAnEventWithoutTheSendTime() {
        assertThat(scan.scan("{\"type\":\"event\",\"channel\":\"c\",\"data\":{\"title\":\"Pour\"},\"offset\":1}"))
                .isFalse();
    }

    @Test
    void classifiesByTheFirstBytes() {
        assertThat(Dialect.ZENA.classify("{\"type\":\"event\",\"channel\":\"c\"}"))
                .isEqualTo(Dialect.Kind.EVENT);
        assertThat(Dialect.ZENA.classify("{\"type\":\"subscription\",\"granted\":[]}"))
                .isEqualTo(Dialect.Kind.SUBSCRIBED);
        assertThat(Dialect.SOCKETIO.classify("2")).isEqualTo(Dialect.Kind.PING);
        assertThat(Dialect.SOCKETIO.classify("40{\"sid\":\"x\"}")).isEqualTo(Dialect.Kind.AUTHENTICATED);
        assertThat(Dialect.SOCKETIO.subscribe(new String[] {"a", "b"}))
                .isEqualTo("42[\"subscribe\",{\"channels\":[\"a\",\"b\"]}]");
    }
}
