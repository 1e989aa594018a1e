package dev.zena.realtime.http;

import dev.zena.realtime.admin.AddressCheck;
import dev.zena.realtime.admin.AdminApi;
import dev.zena.realtime.admin.AdminRefusal;
import dev.zena.realtime.admin.HandshakeRefusal;
import dev.zena.realtime.handshake.AddressGuard;
import dev.zena.realtime.handshake.Refusal;
import dev.zena.realtime.handshake.UpgradeRequest;
import io.javalin.http.Context;

/**
 * The admin feed's handshake on Javalin: the checks every handshake passes ({@link AddressGuard}, as for
 * {@code /ws}), and the feed's own refusals, each written by {@link UpgradeRefusal} before the upgrade and then
 * thrown to stop it. Thread-safe.
 */
public final class FeedHandshake implements AddressCheck, HandshakeRefusal {

    private final AddressGuard addresses;
    private final UpgradeRefusal refusal;

    /** Built once per server. */
    public FeedHandshake(AddressGuard addresses, UpgradeRefusal refusal) {
        this.addresses = addresses;
        this.refusal = refusal;
    }

    @Override
    public String admit(Context ctx) {
        UpgradeRequest request = new ServletUpgradeRequest(ctx.req());
        String remote = addresses.resolve(request);
        try {
            addresses.check(request, remote, AdminApi.FEED_PATH);
        } catch (Refusal refused) {
            refusal.write(ctx.res(), refused);
            throw new ApiException(
                    refused.status(),
                    refused.code(),
                    refused.getMessage(),
                    refused.field(),
                    refused.retryAfterSeconds());
        }
        return remote;
    }

    @Override
    public RuntimeException refuse(Context ctx, AdminRefusal e) {
        ApiException answer = asApi(e);
        refusal.write(ctx.res(), answer);
        return answer;
    }

    /** An admin refusal in the form of every other HTTP refusal. */
    static ApiException asApi(AdminRefusal e) {
        return new ApiException(e.status(), e.code(), e.getMessage(), e.field(), e.retryAfterSeconds());
    }
}
