package dev.zena.realtime.console.client;

/**
 * The client refused to exist for a server it would have to send the admin token to in clear text (plain
 * {@code http} to a host other than this machine) without the user's consent. Nothing was sent: the refusal comes
 * before any connection.
 */
public final class InsecureTransportException extends RuntimeException {

    private final ServerAddress server;

    public InsecureTransportException(ServerAddress server) {
        super("Refused to send the admin token unencrypted to " + server.host() + " (" + server
                + "): plain http to another host needs the user's consent");
        this.server = server;
    }

    /** The address that was refused (never with userinfo). */
    public ServerAddress server() {
        return server;
    }
}
