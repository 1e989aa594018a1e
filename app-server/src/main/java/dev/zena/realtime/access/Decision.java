package dev.zena.realtime.access;

import dev.zena.realtime.protocol.ErrorCode;
import java.util.List;

/**
 * The answer to "may this caller read this channel's resource": an HTTP-style status (200, 401, 403, 404), the
 * error code and public message when denied, and the ordered checks that led there (SPEC §4.2).
 */
public record Decision(int status, ErrorCode code, String message, List<Check> checks) {

    /** The one public message for every 403, whichever check failed (SPEC §3). */
    public static final String FORBIDDEN_MESSAGE = "No permission for this channel (tenant or role)";
    /** The public message for a 404. */
    public static final String NOT_FOUND_MESSAGE = "Channel resource not found";
    /** The public message for a 401. */
    public static final String UNAUTHENTICATED_MESSAGE = "Authentication required";

    public Decision {
        checks = List.copyOf(checks);
    }

    /** True when access is granted (status 200). */
    public boolean isGranted() {
        return status == 200;
    }

    static Decision granted(List<Check> checks) {
        return new Decision(200, null, "granted", checks);
    }

    static Decision denied(ErrorCode code, List<Check> checks) {
        String message = switch (code) {
            case NOT_FOUND -> NOT_FOUND_MESSAGE;
            case AUTH_REQUIRED, AUTH_INVALID -> UNAUTHENTICATED_MESSAGE;
            default -> FORBIDDEN_MESSAGE;
        };
        return new Decision(code.status(), code, message, checks);
    }
}
