package dev.zena.realtime.admin;

import dev.zena.realtime.auth.AuthException;
import dev.zena.realtime.auth.AuthFailure;
import dev.zena.realtime.protocol.CloseCode;
import dev.zena.realtime.store.Store;
import dev.zena.realtime.store.StoreException;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live re-check of open feeds (SPEC §6: revoked, disabled or demoted → close 4003 within 1 s), run by the tick
 * on the server's ticker thread. A feed closes with 4003 {@code token_expired} when its token's {@code exp} is
 * reached. Whenever the store has recorded a change since a feed was last checked (written by this server or by
 * any other process, e.g. {@code revoke --user}), the principal of the feed's handshake is checked again by the rule
 * {@code /ws} connections are re-checked by ({@link AdminAuth#recheck}): a token no longer valid closes it with the
 * reason {@code /ws} gives ({@link AuthFailure#revocation()}: {@code token_revoked}, {@code user_disabled}); a role
 * without admin access, or a global feed whose user lost {@code admin.global}, closes it with
 * {@code access revoked}. Feeds are few and capped per
 * user, so a change re-checks them all.
 */
final class FeedRecheck {

    private static final Logger LOG = LoggerFactory.getLogger(FeedRecheck.class);

    private final AdminAuth auth;
    private final Store store;
    private final Clock clock;
    private final long closeGraceMillis;
    private boolean isStoreFailing;

    /** {@code closeGrace}: how long a feed's close handshake may stay unfinished before it is dropped. */
    FeedRecheck(AdminAuth auth, Store store, Clock clock, Duration closeGrace) {
        this.auth = auth;
        this.store = store;
        this.clock = clock;
        this.closeGraceMillis = closeGrace.toMillis();
    }

    /** Called by every tick with the open feeds. */
    void run(Collection<FeedSession> feeds) {
        long now = clock.millis();
        long latest = -1;
        try {
            for (FeedSession feed : feeds) {
                if (!feed.isOpen()) {
                    feed.disconnectIfCloseStalled(now, closeGraceMillis);
                } else if (now >= feed.caller().expiresAt().toEpochMilli()) {
                    revoke(feed, AuthFailure.EXPIRED.revocation().reason());
                } else {
                    latest = latest < 0 ? store.lastChangeSeq() : latest;
                    if (feed.checkedSeq() < latest) {
                        recheck(feed, latest);
                    }
                }
            }
            isStoreFailing = false;
        } catch (StoreException e) {
            if (!isStoreFailing) {
                LOG.warn("admin_feed_recheck_failed", e); // retried next tick; logged again once it recovered
            }
            isStoreFailing = true;
        }
    }

    private void recheck(FeedSession feed, long seq) {
        String revocation;
        try {
            AdminCaller current = auth.recheck(feed.caller().principal(), AdminApi.FEED_PATH);
            // A wider scope (promoted to admin.global) is not taken up: the feed keeps the scope it opened with.
            revocation = feed.caller().isGlobal() && !current.isGlobal() ? CloseCode.ACCESS_REVOKED.reason() : null;
        } catch (AuthException e) {
            revocation = e.reason().revocation().reason();
        } catch (AdminRefusal e) {
            revocation = CloseCode.ACCESS_REVOKED.reason();
        }
        if (revocation == null) {
            feed.checkedAt(seq);
        } else {
            revoke(feed, revocation);
        }
    }

    private static void revoke(FeedSession feed, String reason) {
        LOG.info(
                "admin_feed_revoked by={} remote={} reason={}",
                feed.caller().user().id(),
                feed.remote(),
                reason);
        feed.close(CloseCode.ACCESS_REVOKED.code(), reason);
    }
}
