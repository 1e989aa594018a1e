package dev.zena.realtime.console.shell;

import dev.zena.realtime.console.client.LinkState;
import dev.zena.realtime.console.client.LinkStatus;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** The window's own state: title, the banner for an unreachable server or a refused token, the current view. */
public final class ShellViewModel {

    /** The views in tab order; Ctrl+1..5 select them. */
    public static final String[] VIEWS = {"Server", "Connections", "Traffic", "Send", "Permissions"};

    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper banner = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper bannerVisible = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper tokenRefused = new ReadOnlyBooleanWrapper();
    private final ReadOnlyIntegerWrapper view = new ReadOnlyIntegerWrapper();

    /** Called once per session with the server's address and whether it is embedded. */
    public ShellViewModel(String server, boolean isEmbedded) {
        title.set("Zena Realtime Console — " + server + (isEmbedded ? " (embedded)" : ""));
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /** The banner's text; empty while connected. */
    public ReadOnlyStringProperty bannerProperty() {
        return banner.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty bannerVisibleProperty() {
        return bannerVisible.getReadOnlyProperty();
    }

    /** True when the banner is about the token (the view colours it differently and offers to reconnect). */
    public ReadOnlyBooleanProperty tokenRefusedProperty() {
        return tokenRefused.getReadOnlyProperty();
    }

    /** Index of the current view in {@link #VIEWS}; changed through {@link #show}. */
    public ReadOnlyIntegerProperty viewProperty() {
        return view.getReadOnlyProperty();
    }

    /** Called with each link change (UI thread). */
    public void onLink(LinkState state) {
        tokenRefused.set(state.status() == LinkStatus.TOKEN_REFUSED);
        switch (state.status()) {
            case CONNECTED -> {
                banner.set("");
                bannerVisible.set(false);
            }
            case CONNECTING -> {
                banner.set("Connecting to the server…");
                bannerVisible.set(true);
            }
            case UNREACHABLE -> {
                banner.set("⚠ " + state.detail() + " — retrying automatically.");
                bannerVisible.set(true);
            }
            case TOKEN_REFUSED -> {
                banner.set("⛔ " + state.detail() + ". Connect again with a valid token (Ctrl+O), or, if the "
                        + "console was started with --token-file, write a new token into that file: it is read "
                        + "again at the next retry.");
                bannerVisible.set(true);
            }
        }
    }

    /** Called by Ctrl+1..5 with 0..4. */
    public void show(int index) {
        if (index >= 0 && index < VIEWS.length) {
            view.set(index);
        }
    }
}
