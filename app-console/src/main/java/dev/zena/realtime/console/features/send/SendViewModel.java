package dev.zena.realtime.console.features.send;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zena.realtime.console.client.AdminApiException;
import dev.zena.realtime.console.client.AdminClient;
import dev.zena.realtime.console.client.AdminJson;
import dev.zena.realtime.console.client.ChannelKind;
import dev.zena.realtime.console.client.TestEvent;
import dev.zena.realtime.console.directory.Directory;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * A test event: a channel (completed from the {@link Directory}) or one connection, an event name and a JSON
 * object payload checked as it is typed; sending shows how many connections it was delivered to.
 */
public final class SendViewModel {

    /** The demo project the channel field's hint names (docs/demo-data.md). */
    static final String EXAMPLE_PROJECT = "acme-tower";

    private final AdminClient client;
    private final Directory directory;
    private final Executor ui;
    private final ObjectProperty<SendTarget> target = new SimpleObjectProperty<>(SendTarget.CHANNEL);
    private final StringProperty channel = new SimpleStringProperty("");
    private final StringProperty connectionId = new SimpleStringProperty("");
    private final StringProperty event = new SimpleStringProperty("test.ping");
    private final StringProperty payload = new SimpleStringProperty("{\"message\": \"Hello from the console\"}");
    private final ReadOnlyStringWrapper payloadError = new ReadOnlyStringWrapper();
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final ReadOnlyStringWrapper result = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper canSend = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper channelPrompt = new ReadOnlyStringWrapper();

    /** Called once per session. */
    public SendViewModel(AdminClient client, Directory directory, Executor ui) {
        this.client = client;
        this.directory = directory;
        this.ui = ui;
        payload.addListener((o, a, b) -> payloadError.set(validate(b)));
        payloadError.set(validate(payload.get()));
        canSend.bind(Bindings.createBooleanBinding(
                () -> !busy.get()
                        && payloadError.get() == null
                        && !event.get().isBlank()
                        && !(target.get() == SendTarget.CHANNEL ? channel.get() : connectionId.get()).isBlank(),
                busy,
                payloadError,
                event,
                target,
                channel,
                connectionId));
        channelPrompt.bind(Bindings.createStringBinding(
                () -> "e.g. " + directory.patternsProperty().get().nameOf(ChannelKind.PROJECT, EXAMPLE_PROJECT)
                        + " — type for suggestions",
                directory.patternsProperty()));
    }

    public ObjectProperty<SendTarget> targetProperty() {
        return target;
    }

    public StringProperty channelProperty() {
        return channel;
    }

    public StringProperty connectionIdProperty() {
        return connectionId;
    }

    public StringProperty eventProperty() {
        return event;
    }

    public StringProperty payloadProperty() {
        return payload;
    }

    /** Why the payload cannot be sent, or null when it is a JSON object. */
    public ReadOnlyStringProperty payloadErrorProperty() {
        return payloadError.getReadOnlyProperty();
    }

    /** The last send's outcome. */
    public ReadOnlyStringProperty resultProperty() {
        return result.getReadOnlyProperty();
    }

    /** True when everything needed is there and valid (the Send button and Ctrl+Enter). */
    public ReadOnlyBooleanProperty canSendProperty() {
        return canSend.getReadOnlyProperty();
    }

    /** The channel field's hint: an example name in the server's own pattern. */
    public ReadOnlyStringProperty channelPromptProperty() {
        return channelPrompt.getReadOnlyProperty();
    }

    /** Where names for completion come from. */
    public Directory directory() {
        return directory;
    }

    /** Channel names for what was typed so far. */
    public List<String> suggestions(String typed) {
        return directory.suggestChannels(typed, 12);
    }

    /** Called by the Send button and Ctrl+Enter (UI thread); does nothing unless {@link #canSendProperty}. */
    public CompletableFuture<Integer> send() {
        if (!canSend.get()) {
            return CompletableFuture.completedFuture(-1);
        }
        JsonNode data = AdminJson.parse(payload.get());
        TestEvent testEvent = target.get() == SendTarget.CHANNEL
                ? TestEvent.toChannel(channel.get().strip(), event.get().strip(), data)
                : TestEvent.toConnection(connectionId.get().strip(), event.get().strip(), data);
        busy.set(true);
        result.set("Sending…");
        return client.sendEvent(testEvent)
                .handleAsync(
                        (delivered, error) -> {
                            busy.set(false);
                            if (error != null) {
                                result.set("Not sent: " + describe(error));
                                return -1;
                            }
                            String where = target.get() == SendTarget.CHANNEL
                                    ? testEvent.channel()
                                    : "connection " + testEvent.connectionId();
                            result.set("Delivered to " + delivered + (delivered == 1 ? " connection" : " connections")
                                    + " (" + testEvent.event() + " → " + where + ")");
                            return delivered;
                        },
                        ui);
    }

    static String validate(String text) {
        if (text == null || text.isBlank()) {
            return "The payload is empty: write a JSON object, e.g. {}";
        }
        try {
            JsonNode node = AdminJson.parse(text);
            return node.isObject()
                    ? null
                    : "The payload must be a JSON object ({…}), not "
                            + node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return "Invalid JSON: " + e.getMessage().replace("not JSON: ", "");
        }
    }

    static String describe(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause instanceof AdminApiException api ? api.describe() : String.valueOf(cause.getMessage());
    }
}
