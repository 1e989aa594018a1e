package dev.zena.realtime.testing;

import dev.zena.realtime.store.Store;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

/** A {@link Store} that hands every call to a real one through a {@link Hook}, for tests that watch or steer calls. */
public final class StoreProxy {

    private StoreProxy() {}

    /** The real call, made when the hook asks for it. */
    @FunctionalInterface
    public interface Forward {
        Object call() throws Throwable;
    }

    /** Sees each call by its method name and arguments; answers by forwarding it, or by itself. */
    @FunctionalInterface
    public interface Hook {
        Object call(String method, Object[] args, Forward forward) throws Throwable;
    }

    /** {@code store} behind {@code hook}. */
    public static Store around(Store store, Hook hook) {
        return (Store) Proxy.newProxyInstance(
                Store.class.getClassLoader(),
                new Class<?>[] {Store.class},
                (proxy, method, args) -> hook.call(method.getName(), args, () -> {
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                }));
    }
}
