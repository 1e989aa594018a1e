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

    @Test
    void readsThePublishersSeqAndSendTimeInsideAPusherEventsDataText() {
        EventScan pusher = EventScan.pusher();
        String text = "{\"event\":\"task.updated\",\"channel\":\"private-task.bench-t1\",\"data\":"
                + "\"{\\\"title\\\":\\\"t=123456\\\",\\\"seq\\\":41}\"}";

        assertThat(pusher.scan(text)).isTrue();
        assertThat(pusher.offset()).isEqualTo(41);
        assertThat(pusher.sentNanos()).isEqualTo(123456L);
        assertThat(pusher.isChannel(text, "private-task.bench-t1")).isTrue();
        assertThat(Dialect.PUSHER.classify(text)).isEqualTo(Dialect.Kind.EVENT);
        assertThat(scan.scan(text)).as("ours has no seq").isFalse();
    }

    @Test
    void tellsPusherProtocolFramesApartAndReadsTheSocketId() {
        String established = "{\"event\":\"pusher:connection_established\",\"data\":"
                + "\"{\\\"socket_id\\\":\\\"1234.5678\\\",\\\"activity_timeout\\\":120}\"}";

        assertThat(Dialect.PUSHER.classify(established)).isEqualTo(Dialect.Kind.GREETING);
        assertThat(Dialect.pusherSocketId(established)).isEqualTo("1234.5678");
        assertThat(Dialect.PUSHER.classify(
                        "{\"event\":\"pusher_internal:subscription_succeeded\",\"channel\":\"x\",\"data\":\"{}\"}"))
                .isEqualTo(Dialect.Kind.SUBSCRIBED);
        assertThat(Dialect.PUSHER.classify("{\"event\":\"pusher:subscription_error\",\"data\":{\"status\":401}}"))
                .isEqualTo(Dialect.Kind.ERROR);
        assertThat(Dialect.PUSHER.classify("{\"event\":\"pusher:ping\",\"data\":\"{}\"}"))
                .isEqualTo(Dialect.Kind.PING);
        assertThat(Dialect.PUSHER.classify("{\"event\":\"pusher:pong\",\"data\":\"{}\"}"))
                .isEqualTo(Dialect.Kind.OTHER);
        assertThat(Dialect.PUSHER.handshakePath("/app/k")).startsWith("/app/k?protocol=7&");
    }
}
