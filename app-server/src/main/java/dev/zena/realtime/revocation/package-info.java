/**
 * Live revocation (SPEC §4.2): applies every store change, whichever process wrote it, to the live connections.
 * {@link dev.zena.realtime.revocation.LiveRevocation} polls the store's change feed on the ticker thread, finds the
 * connections a change may affect, and {@code AccessRecheck} re-checks each of them on its own lane: a token that
 * is no longer valid closes it with 4003 and its reason; a channel now denied by the access decision ends with a
 * server-initiated {@code unsubscription} carrying the reason.
 * It must never import a web framework (Javalin, Jetty) or the edges that use one ({@code transport},
 * {@code admin}, {@code server}, {@code cli}); {@code ArchitectureTest} holds it to that.
 */
package dev.zena.realtime.revocation;
