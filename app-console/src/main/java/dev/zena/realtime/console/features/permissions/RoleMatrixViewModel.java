package dev.zena.realtime.console.features.permissions;

import dev.zena.realtime.console.client.AdminApiException;
import dev.zena.realtime.console.client.AdminClient;
import dev.zena.realtime.console.client.FeedEvent;
import dev.zena.realtime.console.client.RoleMatrix;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The role × permission matrix: one boolean per cell, editable only with admin.global (the feed's scope is
 * {@code *}); {@code admin.access} and {@code admin.global} are fixed by the server and shown read-only. Save
 * replaces the changed roles; the server applies them live.
 */
public final class RoleMatrixViewModel {

    private static final Set<String> FIXED = Set.of("admin.access", "admin.global");

    private final AdminClient client;
    private final Executor ui;
    private final ObservableList<String> roles = FXCollections.observableArrayList();
    private final ObservableList<String> permissions = FXCollections.observableArrayList();
    private final ObservableList<String> rolesView = FXCollections.unmodifiableObservableList(roles);
    private final ObservableList<String> permissionsView = FXCollections.unmodifiableObservableList(permissions);
    private final Map<String, Map<String, BooleanProperty>> cells = new LinkedHashMap<>();
    private final Map<String, Set<String>> stored = new LinkedHashMap<>();
    private final ReadOnlyBooleanWrapper editable = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper();
    private final ReadOnlyIntegerWrapper revision = new ReadOnlyIntegerWrapper();
    private final ReadOnlyStringWrapper message =
            new ReadOnlyStringWrapper("The matrix needs a token with admin.global.");

    /** Called once per session. */
    public RoleMatrixViewModel(AdminClient client, Executor ui) {
        this.client = client;
        this.ui = ui;
    }

    /** The roles, in the server's order (after a load). */
    public ObservableList<String> roles() {
        return rolesView;
    }

    /** The permissions, in the server's order (after a load). */
    public ObservableList<String> permissions() {
        return permissionsView;
    }

    /** The cell of a role and a permission (after a load): the one input, ticked or cleared by the user. */
    public BooleanProperty cell(String role, String permission) {
        return cells.get(role).get(permission);
    }

    /** True for the permissions the server keeps as SPEC §4.3 fixes them. */
    public boolean isFixed(String permission) {
        return FIXED.contains(permission);
    }

    /** True when the token has admin.global and the matrix loaded. */
    public ReadOnlyBooleanProperty editableProperty() {
        return editable.getReadOnlyProperty();
    }

    /** True when a cell differs from what the server stores. */
    public ReadOnlyBooleanProperty dirtyProperty() {
        return dirty.getReadOnlyProperty();
    }

    /** Rises on each load: the view rebuilds its grid. */
    public ReadOnlyIntegerProperty revisionProperty() {
        return revision.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** Called with each feed event: the hello's scope says whether the matrix may be edited. */
    public void onFeed(FeedEvent event) {
        if (event instanceof FeedEvent.Hello hello) {
            if (hello.isGlobal()) {
                load();
            } else {
                editable.set(false);
                message.set("Read-only: the matrix is edited with admin.global; this token is scoped to tenant "
                        + hello.scope() + ".");
            }
        }
    }

    /** Called on Ctrl+R, Revert and after the hello of an admin.global token. */
    public CompletableFuture<Void> load() {
        return client.roles()
                .handleAsync(
                        (matrix, error) -> {
                            if (error != null) {
                                editable.set(false);
                                message.set("Cannot load the matrix: " + describe(error));
                            } else {
                                apply(matrix);
                            }
                            return null;
                        },
                        ui);
    }

    /** Called by Save: PUTs every changed role; answers when all are done. */
    public CompletableFuture<Void> save() {
        List<CompletableFuture<?>> puts = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        for (String role : roles) {
            Set<String> wanted = current(role);
            if (!wanted.equals(stored.get(role))) {
                changed.add(role);
                puts.add(client.saveRole(role, wanted).thenAcceptAsync(saved -> stored.put(role, saved), ui));
            }
        }
        if (puts.isEmpty()) {
            message.set("Nothing to save.");
            return CompletableFuture.completedFuture(null);
        }
        message.set("Saving " + String.join(", ", changed) + "…");
        return CompletableFuture.allOf(puts.toArray(CompletableFuture[]::new))
                .handle((ok, error) -> error)
                .thenCompose(error -> load().thenApplyAsync(
                                loaded -> {
                                    message.set(
                                            error == null
                                                    ? "Saved " + String.join(", ", changed)
                                                            + "; the server applies it live."
                                                    : "Save failed: " + describe(error));
                                    return null;
                                },
                                ui));
    }

    void apply(RoleMatrix matrix) {
        stored.clear();
        cells.clear();
        permissions.setAll(matrix.permissions());
        for (var entry : matrix.roles().entrySet()) {
            stored.put(entry.getKey(), new LinkedHashSet<>(entry.getValue()));
            Map<String, BooleanProperty> row = new LinkedHashMap<>();
            for (String permission : matrix.permissions()) {
                BooleanProperty cell =
                        new SimpleBooleanProperty(entry.getValue().contains(permission));
                cell.addListener((o, a, b) -> updateDirty());
                row.put(permission, cell);
            }
            cells.put(entry.getKey(), row);
        }
        roles.setAll(matrix.roles().keySet());
        editable.set(true);
        dirty.set(false);
        message.set("Tick or clear a cell, then Save; changes apply live to connected users.");
        revision.set(revision.get() + 1);
    }

    private Set<String> current(String role) {
        Set<String> granted = new LinkedHashSet<>();
        cells.get(role).forEach((permission, cell) -> {
            if (cell.get()) {
                granted.add(permission);
            }
        });
        return granted;
    }

    private void updateDirty() {
        dirty.set(roles.stream().anyMatch(role -> !current(role).equals(stored.get(role))));
    }

    private static String describe(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause instanceof AdminApiException api ? api.describe() : String.valueOf(cause.getMessage());
    }
}
