package dev.zena.realtime.rest;

import dev.zena.realtime.access.ChannelCatalog;
import dev.zena.realtime.http.ApiException;
import io.javalin.http.Context;
import java.util.List;
import java.util.function.Function;

/** Cursor paging of the list endpoints: items sorted by id, {@code cursor} = the last id of the previous page. */
record ListPage<T>(List<T> items, String nextCursor) {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;

    /** One page of {@code sortedById} after the request's cursor, at most the request's limit. */
    static <T> ListPage<T> of(Context ctx, List<T> sortedById, Function<T, String> idOf) {
        String cursor = ctx.queryParam("cursor");
        if (cursor != null
                && !cursor.isEmpty()
                && !ChannelCatalog.ID.matcher(cursor).matches()) {
            throw ApiException.badInput("cursor", "Invalid cursor");
        }
        int limit = limit(ctx.queryParam("limit"));
        List<T> after = cursor == null || cursor.isEmpty()
                ? sortedById
                : sortedById.stream()
                        .filter(t -> idOf.apply(t).compareTo(cursor) > 0)
                        .toList();
        if (after.size() <= limit) {
            return new ListPage<>(after, null);
        }
        List<T> page = after.subList(0, limit);
        return new ListPage<>(page, idOf.apply(page.get(limit - 1)));
    }

    private static int limit(String text) {
        if (text == null || text.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // fall through to the refusal
        }
        throw ApiException.badInput("limit", "limit must be an integer of 1.." + MAX_LIMIT);
    }
}
