package dev.zena.realtime.console.client;

import java.util.List;

/**
 * Who is in a channel now (SPEC §10), as {@code GET /api/v1/app/channels/{channel}/presence} answers: {@code count}
 * is always exact; {@code users} lists at most the server's {@code presence.max_users}, and {@code isTruncated}
 * says some were left out.
 */
public record ChannelPresence(String channel, long count, List<Member> users, boolean isTruncated) {

    public ChannelPresence {
        users = List.copyOf(users);
    }

    /** One present user and how many of its connections hold the channel. */
    public record Member(String userId, String userName, int connections) {}
}
