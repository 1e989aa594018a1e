package dev.zena.realtime.presence;

import java.util.List;

/** The members of a channel: {@code count} users (exact), at most the asked number listed by user id. */
public record Roll(long count, List<Member> users, boolean isTruncated) {

    public Roll {
        users = List.copyOf(users);
    }
}
