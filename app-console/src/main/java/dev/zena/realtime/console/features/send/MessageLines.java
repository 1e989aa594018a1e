package dev.zena.realtime.console.features.send;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zena.realtime.console.client.AdminJson;
import dev.zena.realtime.console.client.ChannelPosition;
import dev.zena.realtime.console.client.WatchSocket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Turns what the server sends the test client into log lines, as a person reading a browser's socket would. */
final class MessageLines {

    private MessageLines() {}

    /** The line for {@code message}, received at {@code at}. */
    static TestClientLine line(Instant at, WatchSocket.Message message) {
        return new TestClientLine(at, kind(message), summarize(message));
    }

    static TestClientLine.Kind kind(WatchSocket.Message message) {
        JsonNode json = message.json();
        return switch (message.type()) {
            case "event" ->
                json.path("recovered").asBoolean() ? TestClientLine.Kind.RECOVERED_EVENT : TestClientLine.Kind.EVENT;
            case "presence_event", "presence_summary", "presence" -> TestClientLine.Kind.PRESENCE;
            case "error", "resync" -> TestClientLine.Kind.WARNING;
            case "unsubscription" -> json.has("reason") ? TestClientLine.Kind.WARNING : TestClientLine.Kind.MESSAGE;
            case "closed" ->
                json.path("code").asInt() == 1000 ? TestClientLine.Kind.MESSAGE : TestClientLine.Kind.WARNING;
            default -> TestClientLine.Kind.MESSAGE;
        };
    }

    static String summarize(WatchSocket.Message message) {
        JsonNode json = message.json();
        return switch (message.type()) {
            case "event" ->
                (json.path("recovered").asBoolean() ? "RECOVERED " : "") + "event "
                        + json.path("event").asText() + " on "
                        + json.path("channel").asText()
                        + (json.path("offset").isIntegralNumber()
                                ? " #" + json.path("offset").asLong()
                                : "")
                        + (json.path("test").asBoolean() ? " (test)" : "") + "  " + json.path("data");
            case "subscription" ->
                "subscription granted: " + granted(json) + denied(json.path("denied"))
                        + recovery(json.path("recovery"));
            case "unsubscription" ->
                "unsubscription " + names(json.path("channels"))
                        + (json.has("reason")
                                ? " — " + json.path("reason").path("code").asText()
                                : "");
            case "error" ->
                "error " + json.path("code").asText() + " ("
                        + json.path("status").asInt() + "): "
                        + json.path("message").asText();
            case "authentication" ->
                "authentication " + json.path("status").asText() + " as "
                        + json.path("user_id").asText() + " (tenant "
                        + json.path("tenant_id").asText() + ")";
            case "connection" -> "connection " + json.path("connection_id").asText();
            case "presence_event" ->
                "presence: " + user(json.path("user")) + " "
                        + json.path("event").asText() + " "
                        + json.path("channel").asText() + " · "
                        + connections(json.path("connections").asInt());
            case "presence_summary" ->
                "presence summary on " + json.path("channel").asText() + ": "
                        + json.path("count").asLong() + " present · joined " + names(json.path("joined"))
                        + " · left " + names(json.path("left"));
            case "presence" ->
                "presence on " + json.path("channel").asText() + ": "
                        + json.path("count").asLong() + " present"
                        + (json.path("truncated").asBoolean() ? " (list truncated)" : "");
            case "resync" ->
                "resync " + json.path("channel").asText() + ": a gap the server cannot fill ("
                        + json.path("reason").asText("no reason given") + ") — the channel is now at #"
                        + json.path("offset").asLong() + ", epoch "
                        + json.path("epoch").asText();
            case "closed" ->
                "closed " + json.path("code").asInt() + " "
                        + json.path("reason").asText("");
            default -> message.raw();
        };
    }

    private static String granted(JsonNode reply) {
        List<String> names = new ArrayList<>();
        JsonNode positions = reply.path("positions");
        reply.path("granted").forEach(n -> {
            ChannelPosition at = AdminJson.position(positions.path(n.asText()));
            names.add(n.asText() + (at == null ? "" : " (#" + at.offset() + ")"));
        });
        return names.isEmpty() ? "none" : String.join(", ", names);
    }

    private static String names(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(n -> names.add(n.asText()));
        return names.isEmpty() ? "none" : String.join(", ", names);
    }

    private static String denied(JsonNode array) {
        List<String> refusals = new ArrayList<>();
        array.forEach(d -> refusals.add(d.path("channel").asText() + " ("
                + d.path("status").asInt() + " " + d.path("code").asText() + ")"));
        return refusals.isEmpty() ? "" : " · denied: " + String.join(", ", refusals);
    }

    private static String recovery(JsonNode answers) {
        List<String> lines = new ArrayList<>();
        answers.fields()
                .forEachRemaining(e -> lines.add(e.getKey()
                        + (e.getValue().path("recovered").asBoolean()
                                ? " recovered"
                                : " not recovered ("
                                        + e.getValue().path("reason").asText("no reason given") + ")")));
        return lines.isEmpty() ? "" : " · recovery: " + String.join(", ", lines);
    }

    private static String user(JsonNode user) {
        String id = user.path("user_id").asText();
        String name = user.path("user_name").asText("");
        return name.isBlank() || name.equals(id) ? id : name + " (" + id + ")";
    }

    private static String connections(int count) {
        return count + (count == 1 ? " connection" : " connections");
    }
}
