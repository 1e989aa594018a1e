/**
 * The WebSocket wire protocol of Zena Realtime (SPEC §3, with the history and recovery messages of §9 and the
 * presence messages of §10): every client and server message as an immutable record, the error codes
 * ({@link dev.zena.realtime.protocol.ErrorCode}) and close codes ({@link dev.zena.realtime.protocol.CloseCode}) with
 * their stable numbers, and {@link dev.zena.realtime.protocol.WireCodec}, the one place where these messages become
 * JSON text and back.
 *
 * <p>This package owns the shape of the wire and nothing else: it knows no sessions, tokens, channel patterns or
 * permissions. Decoding checks only the shape a message must have; what a well-formed message means is the server's
 * business. It depends on {@code java.*} and Jackson only (enforced by an ArchUnit test), so the server, the console
 * and the load generator can all share it. Golden JSON files under {@code src/test/resources/golden} pin the format.
 */
package dev.zena.realtime.protocol;
