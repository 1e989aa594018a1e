package dev.zena.realtime.console.shell;

import dev.zena.realtime.console.client.LinkState;
import dev.zena.realtime.console.client.LinkStatus;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** The window's own state: title, the banner for an unreachable server or a refused token, the current view. */
public final class ShellViewModel {

    /** The views in tab order; Ctrl+1..5 select them. */
    public static final String[] VIEWS = {"Server", "Connections", "Traffic", "Send", "Permissions"};

    private final StringProperty title = new SimpleStringProperty();
    private final StringProperty banner = new SimpleStringProperty("");
    private final BooleanProperty bannerVisible = new SimpleBooleanProperty();
    private final BooleanProperty tokenRefused = new SimpleBooleanProperty();
    private final IntegerProperty view = new SimpleIntegerProperty();

    /** Called once per session with the server's address and whether it is embedded. */
    public ShellViewModel(String server, boolean isEmbedded) {
        title.set("Zena Realtime Console — " + server + (isEmbedded ? " (embedded)" : ""));
    }

    public StringProperty titleProperty() {
        return title;
    }

    /** The banner's text; empty while connected. */
    public StringProperty bannerProperty() {
        return banner;
    }

    public BooleanProperty bannerVisibleProperty() {
        return bannerVisible;
    }

    /** True when the banner is about the token (the view colours it differently and offers to reconnect). */
    public BooleanProperty tokenRefusedProperty() {
        return tokenRefused;
    }

    /** Index of the current view in {@link #VIEWS}. */
    public IntegerProperty viewProperty() {
        return view;
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
                banner.set("⛔ " + state.detail() + ". Connect again with a valid token (Ctrl+O).");
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
