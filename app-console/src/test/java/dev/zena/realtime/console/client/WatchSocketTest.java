package dev.zena.realtime.console.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zena.realtime.console.FakeWebSocket;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The frames the test client's socket writes (SPEC §3, §9, §10). */
class WatchSocketTest {

    private final FakeWebSocket wire = new FakeWebSocket();
    private final WatchSocket socket = WatchSocket.over(wire);

    @Test
    void aPlainSubscribeNamesOnlyItsChannels() {
        socket.subscribe(List.of("project.acme-tower", "task.acme-t1")).join();
        assertThat(AdminJson.parse(wire.sent.get(0))).isEqualTo(AdminJson.parse("""
                {"type":"subscribe","channels":["project.acme-tower","task.acme-t1"]}"""));
    }

    @Test
    void sinceCarriesThePositionsOfChannelsOfTheSameMessageOnly() {
        Map<String, ChannelPosition> since = new LinkedHashMap<>();
        since.put("project.acme-tower", new ChannelPosition(41, "k3Jx"));
        since.put("task.acme-t9", new ChannelPosition(2, "e2"));
        socket.subscribe(List.of("project.acme-tower", "task.acme-t1"), since, true)
                .join();
        assertThat(AdminJson.parse(wire.sent.get(0))).isEqualTo(AdminJson.parse("""
                {"type":"subscribe","channels":["project.acme-tower","task.acme-t1"],
                 "since":{"project.acme-tower":{"offset":41,"epoch":"k3Jx"}},"presence_events":true}"""));
    }
}
