package dev.zena.realtime.publish;

/**
 * Why a server-to-server request was refused before its body was read as JSON: an HTTP status (401, 503) and a
 * stable code. The message is safe to send; it never says which part of a signature was wrong.
 */
public final class PublishRefusal extends Exception {

    private final int status;
    private final String code;

    /** Called by {@link SignatureVerifier} for each refusal. */
    public PublishRefusal(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
