package dev.zena.realtime.console.shell;

import dev.zena.realtime.console.client.ServerAddress;
import java.net.URI;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The connect dialog: a server address (with the recent ones) and a token typed or pasted, kept in memory only. */
public final class ConnectViewModel {

    private final ObservableList<String> recent;
    private final StringProperty server = new SimpleStringProperty("");
    private final StringProperty token = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper();

    /** Called when the dialog opens. */
    public ConnectViewModel(List<String> recentServers, String initialServer) {
        recent = FXCollections.unmodifiableObservableList(FXCollections.observableArrayList(recentServers));
        server.set(
                initialServer != null
                        ? initialServer
                        : recentServers.isEmpty() ? "http://127.0.0.1:8080" : recentServers.get(0));
        problem.bind(Bindings.createStringBinding(() -> validate(server.get(), token.get()), server, token));
        notice.bind(Bindings.createStringBinding(
                () -> {
                    ServerAddress address = parse(server.get());
                    return address != null && address.hadUserInfo() ? ServerAddress.USER_INFO_NOTICE : null;
                },
                server));
    }

    /** The remembered addresses, most recent first. */
    public ObservableList<String> recent() {
        return recent;
    }

    public StringProperty serverProperty() {
        return server;
    }

    public StringProperty tokenProperty() {
        return token;
    }

    /** Why Connect is not possible yet, or null. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** What the console did to the address that the user should know (userinfo dropped), or null. */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    /** The normalised address, without userinfo; call only when {@link #problemProperty} is null. */
    public URI serverUri() {
        return parse(server.get()).uri();
    }

    static String validate(String server, String token) {
        if (parse(server) == null) {
            return "The server address must look like http://host:port";
        }
        if (token == null || token.isBlank()) {
            return "Paste an administrator's token (it is kept in memory only)";
        }
        return null;
    }

    static ServerAddress parse(String text) {
        try {
            return ServerAddress.parse(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
