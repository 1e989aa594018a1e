package dev.zena.realtime.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zena.realtime.store.Store;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /health/live} (the process answers) and {@code GET /health/ready} (the store and the broker answer and
 * the server is not draining), and the draining flag itself, which the {@code /ws} handshake reads too. Thread-safe.
 */
public final class Health implements RouteGroup {

    private static final Logger LOG = LoggerFactory.getLogger(Health.class);

    private final Store store;
    private final BooleanSupplier isBrokerAvailable;
    private final ObjectMapper mapper;
    private final AtomicBoolean isDraining = new AtomicBoolean();

    /** Built once per server; {@code isBrokerAvailable} is the broker's own answer (always true in one process). */
    public Health(Store store, BooleanSupplier isBrokerAvailable, ObjectMapper mapper) {
        this.store = store;
        this.isBrokerAvailable = isBrokerAvailable;
        this.mapper = mapper;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get(
                "/health/live",
                ctx -> Json.write(ctx, 200, mapper.createObjectNode().put("status", "up")));
        routes.get("/health/ready", this::ready);
    }

    /** Called when shutdown starts: readiness answers 503 and new handshakes are refused with 503. */
    public void startDraining() {
        isDraining.set(true);
    }

    /** True once {@link #startDraining()} was called; read by every readiness check and {@code /ws} handshake. */
    public boolean isDraining() {
        return isDraining.get();
    }

    /**
     * {@code GET /health/ready}: 200 when the store answers, the broker is available (SPEC §11: a node cut off
     * from Redis is not ready, though alive) and the server is not draining, else 503.
     */
    private void ready(Context ctx) {
        boolean isDrainingNow = isDraining.get();
        boolean isStoreOk;
        try {
            isStoreOk = store.isReachable();
        } catch (RuntimeException e) {
            LOG.warn("health_store_unreachable", e);
            isStoreOk = false;
        }
        boolean isBrokerOk = isBrokerAvailable.getAsBoolean();
        boolean isReady = !isDrainingNow && isStoreOk && isBrokerOk;
        String status = isDrainingNow ? "draining" : isReady ? "ready" : "unavailable";
        Json.write(
                ctx,
                isReady ? 200 : 503,
                mapper.createObjectNode()
                        .put("status", status)
                        .put("store", isStoreOk ? "ok" : "unreachable")
                        .put("broker", isBrokerOk ? "ok" : "unreachable"));
    }
}
