package dev.zena.realtime.console.client;

import java.util.List;

/** {@code POST /api/v1/admin/permissions/check}: the decision for a user and a channel with its ordered checks. */
public record PermissionVerdict(
        String userId, String channel, int status, String code, boolean isGranted, List<Step> checks) {

    public PermissionVerdict {
        checks = List.copyOf(checks);
    }

    /** One check in the order of SPEC §4.2; the list stops at the first that failed. */
    public record Step(String check, boolean hasPassed, String detail) {}
}
