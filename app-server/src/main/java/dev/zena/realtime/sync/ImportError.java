package dev.zena.realtime.sync;

/**
 * One mistake in an import document. {@code entry} names the offending entry as a reader would find it
 * ({@code users[2] (id "u9")}), {@code field} is its JSON path ({@code users[2].tenant_id}, empty for the whole
 * document) for APIs that report a field, and {@code message} says what is wrong.
 */
public record ImportError(String entry, String field, String message) {

    /** The line shown to a person: {@code users[2] (id "u9"): tenant_id "zz" is not a known tenant}. */
    @Override
    public String toString() {
        return entry + ": " + message;
    }
}
