/**
 * Live revocation (SPEC §4.2): applies every store change, whichever process wrote it, to the live connections.
 * {@link dev.zena.realtime.revocation.LiveRevocation} polls the store's change feed on the ticker thread and asks
 * {@code access.Dependents} which connections and channels depend on what changed; {@code AccessRecheck} re-checks
 * each of them on its own lane with the rules everyone else uses: the one token rule
 * ({@code TokenValidator.failureOf}; failing, the connection closes with 4003 and {@code AuthFailure.revocation()}'s
 * reason) and the one access decision ({@code AccessPolicy.decide}; denied, the channel ends with a server-initiated
 * {@code unsubscription} carrying the reason). It owns no rule of its own.
 * It must never import a web framework (Javalin, Jetty) or the edges that use one ({@code transport},
 * {@code admin}, {@code server}, {@code cli}); {@code ArchitectureTest} holds it to that.
 */
package dev.zena.realtime.revocation;
