/**
 * The admin API of SPEC §6 and the live feed the console watches: connections, traffic, test events, permission
 * checks, roles and test tokens. Every route authenticates the caller ({@link dev.zena.realtime.admin.AdminAuth})
 * and scopes what it shows to the caller's tenant unless the caller holds {@code admin.global}. Refusals are
 * {@link dev.zena.realtime.admin.AdminRefusal}s, rendered by the HTTP server's one error mapper. JSON shapes are
 * those of {@code docs/admin-api.md}. The feed is a connection like any other: the HTTP server hands in the checks
 * every handshake passes ({@link dev.zena.realtime.admin.AddressCheck}), and the feed adds the re-check of its
 * caller, a bounded send queue and a cap per user.
 *
 * <p>Routes and the feed's life are Javalin's (its {@code ws} API), but the feed's socket is the
 * {@link dev.zena.realtime.admin.FeedSocket} the wiring hands in: this package never imports Jetty. It never
 * imports {@code http}, {@code jetty} or {@code server} either: they mount it.
 */
package dev.zena.realtime.admin;
