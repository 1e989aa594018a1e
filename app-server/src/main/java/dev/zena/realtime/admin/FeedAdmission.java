package dev.zena.realtime.admin;

import com.github.f4b6a3.ulid.UlidCreator;
import dev.zena.realtime.auth.BearerTokens;
import dev.zena.realtime.limits.Limit;
import dev.zena.realtime.limits.LimitExceeded;
import dev.zena.realtime.limits.Limits;
import dev.zena.realtime.metrics.Metrics;
import dev.zena.realtime.protocol.ErrorCode;
import dev.zena.realtime.store.Store;
import io.javalin.http.Context;
import io.javalin.websocket.WsContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may open the admin feed, and how many: the handshake checks, in the order of {@code /ws} (those of every
 * handshake, then the token and admin access, then the caller's open feeds); then, once the socket is open, its
 * place among the open connections of its address and the feeds of its user, given back when it closes.
 */
final class FeedAdmission {

    /**
     * What a handshake let through passes on to the socket: the caller (with the principal its token was validated
     * into, for the live re-check; the token itself is not kept), the client address, the user's feed slot, and the
     * store change the caller was checked against.
     */
    record Admitted(AdminCaller caller, String remote, String slotId, long checkedSeq) {
        @Override
        public String toString() {
            return "Admitted[user=" + caller.user().id() + ", remote=" + remote + ", slot=" + slotId + "]";
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(FeedAdmission.class);
    private static final String ADMITTED = "zena.admin.feed";

    private final AdminAuth auth;
    private final Store store;
    private final Limits limits;
    private final Metrics metrics;
    private final AddressCheck addresses;
    private final HandshakeRefusal refusal;

    FeedAdmission(
            AdminAuth auth,
            Store store,
            Limits limits,
            Metrics metrics,
            AddressCheck addresses,
            HandshakeRefusal refusal) {
        this.auth = auth;
        this.store = store;
        this.limits = limits;
        this.metrics = metrics;
        this.addresses = addresses;
        this.refusal = refusal;
    }

    /**
     * Called before every upgrade of the feed, on an HTTP thread. Refusals, in this order, each with the SPEC §6
     * body: those of {@link AddressCheck} (429 + Retry-After per client address, 403 for the {@code Origin}); 401
     * without a valid token; 403 without admin access; 429 {@code CONNECTION_LIMIT} + Retry-After when the caller
     * already has {@code limits.admin_feeds_per_user} feeds (a slot is taken here, so that concurrent handshakes
     * cannot all pass).
     */
    void beforeUpgrade(Context ctx) {
        String remote = addresses.admit(ctx);
        // Read before the token is checked: a change the check may have missed has a later number, and the live
        // re-check sees it.
        long seq = store.lastChangeSeq();
        String token = BearerTokens.fromHandshake(ctx.header("Authorization"), ctx.queryParam("token"));
        AdminCaller caller;
        try {
            caller = auth.requireAtHandshake(ctx, token);
        } catch (AdminRefusal e) {
            throw refuse(ctx, remote, e);
        }
        String slotId = UlidCreator.getMonotonicUlid().toString();
        LimitExceeded exceeded = limits.feeds().take(slotId, caller.user().id()).orElse(null);
        if (exceeded != null) {
            metrics.limitRefused(exceeded.limit().tag());
            throw refuse(
                    ctx,
                    remote,
                    new AdminRefusal(
                            429,
                            ErrorCode.CONNECTION_LIMIT.name(),
                            "Connection limit reached (admin feeds per user)",
                            null,
                            exceeded.retryAfterSeconds()));
        }
        ctx.attribute(ADMITTED, new Admitted(caller, remote, slotId, seq));
    }

    /** Called when a feed's socket opens: what its handshake admitted. */
    Admitted admitted(WsContext ctx) {
        return ctx.attribute(ADMITTED);
    }

    /**
     * Called when a feed's socket opens: counts it against its address and its user's feeds. False when that took
     * one over its cap (concurrent handshakes that all passed); the caller then closes it with 4029. Either way
     * {@link #closed} gives the places back.
     */
    boolean opened(Admitted admitted) {
        Limit over = null;
        if (!limits.addresses().opened(admitted.remote())) {
            over = Limit.CONNECTIONS_PER_IP;
        }
        if (!limits.feeds().opened(admitted.slotId(), admitted.caller().user().id()) && over == null) {
            over = Limit.ADMIN_FEEDS_PER_USER;
        }
        if (over != null) {
            LOG.info(
                    "admin_feed_denied stage=open by={} remote={} limit={}",
                    admitted.caller().user().id(),
                    admitted.remote(),
                    over.tag());
            metrics.limitRefused(over.tag());
        }
        return over == null;
    }

    /** Called when a feed's socket closes. */
    void closed(Admitted admitted) {
        limits.addresses().closed(admitted.remote());
        limits.feeds().release(admitted.slotId());
    }

    private RuntimeException refuse(Context ctx, String remote, AdminRefusal e) {
        LOG.info("admin_feed_denied stage=handshake remote={} code={} status={}", remote, e.code(), e.status());
        metrics.handshakeRefused(e.code());
        return refusal.refuse(ctx, e);
    }
}
