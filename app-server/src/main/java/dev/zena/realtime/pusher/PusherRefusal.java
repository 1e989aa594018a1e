package dev.zena.realtime.pusher;

/**
 * A refused Pusher HTTP API or {@code /broadcasting/auth} request: its status and the public message that becomes
 * {@code {"error":"…"}} (SPEC §12). The route turns it into the response in one place.
 */
public final class PusherRefusal extends RuntimeException {

    private final int status;

    /** A refusal with its HTTP status. */
    public PusherRefusal(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }

    static PusherRefusal unauthorized(String message) {
        return new PusherRefusal(401, message);
    }

    static PusherRefusal badRequest(String message) {
        return new PusherRefusal(400, message);
    }

    /** The 503 of a server without {@code pusher.app_id}, {@code pusher.key} and {@code pusher.secret}. */
    static PusherRefusal disabled() {
        return new PusherRefusal(503, "PUSHER_DISABLED: set pusher.app_id, pusher.key and pusher.secret");
    }
}
