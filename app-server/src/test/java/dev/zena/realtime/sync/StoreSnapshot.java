package dev.zena.realtime.sync;

import dev.zena.realtime.store.PermissionMatrix;
import dev.zena.realtime.store.Project;
import dev.zena.realtime.store.Store;
import dev.zena.realtime.store.Task;
import dev.zena.realtime.store.Tenant;
import dev.zena.realtime.store.User;
import java.util.List;

/** Everything a store holds, read through its public API, plus its change-log position (any write moves it). */
record StoreSnapshot(
        List<Tenant> tenants,
        List<User> users,
        List<Project> projects,
        List<Task> tasks,
        PermissionMatrix permissions,
        long lastChangeSeq) {

    static StoreSnapshot of(Store store) {
        List<Tenant> tenants = store.tenants();
        return new StoreSnapshot(
                tenants,
                store.allUsers(),
                tenants.stream().flatMap(t -> store.projects(t.id()).stream()).toList(),
                tenants.stream().flatMap(t -> store.tasks(t.id()).stream()).toList(),
                store.permissions(),
                store.lastChangeSeq());
    }
}
