package dev.zena.realtime.console.client;

import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Folds the outcomes of calls and of the feed into one {@link LinkState}; thread-safe. */
final class LinkTracker {

    private final List<Consumer<LinkState>> listeners = new CopyOnWriteArrayList<>();
    private volatile LinkState state = LinkState.INITIAL;

    LinkState state() {
        return state;
    }

    void listen(Consumer<LinkState> listener) {
        listeners.add(listener);
        listener.accept(state);
    }

    /** Called when a call succeeded or the feed said hello. */
    void connected() {
        set(new LinkState(LinkStatus.CONNECTED, "Connected"));
    }

    /** Called when a call or the feed failed; answers the failure as the caller should see it. */
    RuntimeException failed(Throwable error) {
        Throwable cause = unwrap(error);
        if (cause instanceof AdminApiException api) {
            if (api.status() == 401) {
                set(new LinkState(
                        LinkStatus.TOKEN_REFUSED,
                        "The server refused the token (401 " + (api.code() == null ? "" : api.code()) + ")"));
            } else {
                // the server answered: the link itself works
                set(new LinkState(LinkStatus.CONNECTED, "Connected"));
            }
            return api;
        }
        if (cause instanceof ServerUnreachableException unreachable) {
            set(new LinkState(LinkStatus.UNREACHABLE, unreachable.getMessage()));
            return unreachable;
        }
        if (cause instanceof ConnectException
                || cause instanceof HttpTimeoutException
                || cause instanceof java.io.IOException) {
            ServerUnreachableException wrapped = new ServerUnreachableException(describe(cause), cause);
            set(new LinkState(LinkStatus.UNREACHABLE, wrapped.getMessage()));
            return wrapped;
        }
        return cause instanceof RuntimeException runtime ? runtime : new CompletionException(cause);
    }

    /** Called by the feed when its handshake was refused. */
    void refused(int status) {
        set(new LinkState(
                LinkStatus.TOKEN_REFUSED,
                status == 403
                        ? "The token lacks admin.access (403) — use an administrator's token"
                        : "The server refused the token (" + status + ") — it may have expired or been revoked"));
    }

    /** Called by the feed when the server answers but has no feed (an older server, or a wrong address). */
    void unavailable(String detail) {
        set(new LinkState(LinkStatus.UNREACHABLE, detail));
    }

    private void set(LinkState next) {
        LinkState previous = state;
        state = next;
        if (!next.equals(previous)) {
            listeners.forEach(l -> l.accept(next));
        }
    }

    static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof java.util.concurrent.ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static String describe(Throwable cause) {
        String what = cause instanceof HttpTimeoutException
                ? "timed out"
                : cause instanceof ConnectException
                        ? "connection refused"
                        : cause.getClass().getSimpleName();
        return "Server unreachable (" + what + ")";
    }
}
