package dev.zena.realtime.console.features.connections;

import dev.zena.realtime.console.client.ConnectionInfo;
import java.time.Instant;
import javafx.beans.Observable;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * One row of the connections table, read-only to the view; updated in place by its view model so selection and
 * sorting survive refreshes.
 */
public final class ConnectionRow {

    private final String id;
    private final ReadOnlyObjectWrapper<ConnectionInfo> info = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper user = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper tenant = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper remote = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper node = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper protocol = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper channels = new ReadOnlyStringWrapper();
    private final ReadOnlyObjectWrapper<Instant> connectedAt = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Instant> lastActivity = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyLongWrapper messagesIn = new ReadOnlyLongWrapper();
    private final ReadOnlyLongWrapper messagesOut = new ReadOnlyLongWrapper();
    private final ReadOnlyLongWrapper bytesIn = new ReadOnlyLongWrapper();
    private final ReadOnlyLongWrapper bytesOut = new ReadOnlyLongWrapper();

    ConnectionRow(ConnectionInfo first) {
        this.id = first.id();
        update(first);
    }

    void update(ConnectionInfo next) {
        info.set(next);
        user.set(next.userId() == null ? "(not authenticated)" : next.userId());
        tenant.set(next.tenantId() == null ? "—" : next.tenantId());
        remote.set(next.remoteAddress());
        node.set(next.node() == null ? "—" : next.node());
        protocol.set(next.protocol());
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

    public ReadOnlyStringProperty userProperty() {
        return user.getReadOnlyProperty();
    }

    /** {@code zena} or {@code pusher} (SPEC §12). */
    public ReadOnlyStringProperty protocolProperty() {
        return protocol.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty tenantProperty() {
        return tenant.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty remoteProperty() {
        return remote.getReadOnlyProperty();
    }

    /** The node of the cluster holding the connection ("—" when the server does not say). */
    public ReadOnlyStringProperty nodeProperty() {
        return node.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty channelsProperty() {
        return channels.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Instant> connectedAtProperty() {
        return connectedAt.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Instant> lastActivityProperty() {
        return lastActivity.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty messagesInProperty() {
        return messagesIn.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty messagesOutProperty() {
        return messagesOut.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty bytesInProperty() {
        return bytesIn.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty bytesOutProperty() {
        return bytesOut.getReadOnlyProperty();
    }
}
