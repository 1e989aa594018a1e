package dev.zena.realtime.console.shell;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.net.URI;
import java.util.List;

/** The connect dialog: a server address (with the recent ones) and a token typed or pasted, kept in memory only. */
public final class ConnectViewModel {

    private final ObservableList<String> recent = FXCollections.observableArrayList();
    private final StringProperty server = new SimpleStringProperty("");
    private final StringProperty token = new SimpleStringProperty("");
    private final StringBinding problem;

    /** Called when the dialog opens. */
    public ConnectViewModel(List<String> recentServers, String initialServer) {
        recent.setAll(recentServers);
        server.set(initialServer != null ? initialServer : recentServers.isEmpty() ? "http://127.0.0.1:8080"
                : recentServers.get(0));
        problem = Bindings.createStringBinding(() -> validate(server.get(), token.get()), server, token);
    }

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
    public StringBinding problemBinding() {
        return problem;
    }

    /** The normalised address; call only when {@link #problemBinding} is null. */
    public URI serverUri() {
        return parse(server.get());
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

    static URI parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String trimmed = text.strip();
        if (!trimmed.contains("://")) {
            trimmed = "http://" + trimmed;
        }
        try {
            URI uri = URI.create(trimmed);
            boolean isHttp = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
            return isHttp && uri.getHost() != null ? URI.create(uri.getScheme() + "://" + uri.getRawAuthority()) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
