package dev.zena.realtime.console.features.connections;

import dev.zena.realtime.console.client.ConnectionInfo;
import javafx.beans.Observable;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.time.Instant;

/** One row of the connections table; updated in place so selection and sorting survive refreshes. */
public final class ConnectionRow {

    private final String id;
    private final ObjectProperty<ConnectionInfo> info = new SimpleObjectProperty<>();
    private final StringProperty user = new SimpleStringProperty();
    private final StringProperty tenant = new SimpleStringProperty();
    private final StringProperty remote = new SimpleStringProperty();
    private final StringProperty channels = new SimpleStringProperty();
    private final ObjectProperty<Instant> connectedAt = new SimpleObjectProperty<>();
    private final ObjectProperty<Instant> lastActivity = new SimpleObjectProperty<>();
    private final LongProperty messagesIn = new SimpleLongProperty();
    private final LongProperty messagesOut = new SimpleLongProperty();
    private final LongProperty bytesIn = new SimpleLongProperty();
    private final LongProperty bytesOut = new SimpleLongProperty();

    ConnectionRow(ConnectionInfo first) {
        this.id = first.id();
        update(first);
    }

    void update(ConnectionInfo next) {
        info.set(next);
        user.set(next.userId() == null ? "(not authenticated)" : next.userId());
        tenant.set(next.tenantId() == null ? "—" : next.tenantId());
        remote.set(next.remoteAddress());
        channels.set(String.join(", ", next.channels()));
        connectedAt.set(next.connectedAt());
        lastActivity.set(next.lastActivity());
        messagesIn.set(next.messagesIn());
        messagesOut.set(next.messagesOut());
        bytesIn.set(next.bytesIn());
        bytesOut.set(next.bytesOut());
    }

    /** The properties whose change re-sorts and re-filters the table. */
    Observable[] observables() {
        return new Observable[] {info};
    }

    public String id() {
        return id;
    }

    public ConnectionInfo info() {
        return info.get();
    }

    public StringProperty userProperty() {
        return user;
    }

    public StringProperty tenantProperty() {
        return tenant;
    }

    public StringProperty remoteProperty() {
        return remote;
    }

    public StringProperty channelsProperty() {
        return channels;
    }

    public ObjectProperty<Instant> connectedAtProperty() {
        return connectedAt;
    }

    public ObjectProperty<Instant> lastActivityProperty() {
        return lastActivity;
    }

    public LongProperty messagesInProperty() {
        return messagesIn;
    }

    public LongProperty messagesOutProperty() {
        return messagesOut;
    }

    public LongProperty bytesInProperty() {
        return bytesIn;
    }

    public LongProperty bytesOutProperty() {
        return bytesOut;
    }
}
