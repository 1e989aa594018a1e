package dev.zena.realtime.console.client;

import java.time.Instant;

/** A short-lived token for the test client ({@code POST /api/v1/admin/tokens}); never printed. */
public record IssuedToken(String token, String userId, String tenantId, Instant expiresAt) {

    @Override
    public String toString() {
        return "IssuedToken[user=" + userId + ", tenant=" + tenantId + ", expiresAt=" + expiresAt + ", token=****]";
    }
}
