package dev.zena.realtime.console.shell;

import dev.zena.realtime.console.client.ServerAddress;
import dev.zena.realtime.console.client.TokenTransport;
import java.net.URI;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The servers the user agreed, during this run of the console, to send the admin token to over plain http; kept in
 * memory only, so the next run asks again. Only a Continue is remembered: a Cancel just does not connect, and the
 * next attempt asks again (remembering it would lock the user out of that server until a restart). Used on the FX
 * thread only.
 */
public final class PlainHttpConsent {

    private final Set<URI> granted = new HashSet<>();

    /**
     * Called before attaching to {@code server}: the question to ask, or empty when the token may go without asking
     * (https, this machine, or a Continue earlier in this run).
     */
    public Optional<String> questionFor(URI server) {
        ServerAddress address = ServerAddress.of(server);
        if (!TokenTransport.of(address).needsConsent() || granted.contains(key(address))) {
            return Optional.empty();
        }
        return Optional.of(TokenTransport.question(address));
    }

    /** Called when the user answered Continue, or for the {@code --server} of {@code --allow-insecure-http}. */
    public void grant(URI server) {
        granted.add(key(ServerAddress.of(server)));
    }

    /** True when the token may go to {@code server} in clear text: passed on to the client. */
    public boolean isGranted(URI server) {
        return granted.contains(key(ServerAddress.of(server)));
    }

    /** {@code http://h} and {@code http://h:80} are the same server. */
    private static URI key(ServerAddress address) {
        URI uri = address.uri();
        int port = uri.getPort() >= 0 ? uri.getPort() : address.isTls() ? 443 : 80;
        return URI.create(uri.getScheme() + "://" + uri.getHost() + ":" + port);
    }
}
