package dev.zena.realtime.jetty;

import org.eclipse.jetty.ee10.servlet.SessionHandler;
import org.eclipse.jetty.session.NullSessionCache;
import org.eclipse.jetty.session.NullSessionDataStore;

/** A session handler that keeps no session in memory or anywhere else (the server is stateless over HTTP). */
final class Sessionless {

    private Sessionless() {}

    static SessionHandler handler() {
        SessionHandler sessions = new SessionHandler();
        NullSessionCache cache = new NullSessionCache(sessions);
        cache.setSessionDataStore(new NullSessionDataStore());
        sessions.setSessionCache(cache);
        sessions.setHttpOnly(true);
        return sessions;
    }
}
