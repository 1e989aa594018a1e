/**
 * The one place that answers "may this principal read this resource" and "may this user do this": channel names
 * and their patterns ({@link dev.zena.realtime.access.ChannelCatalog}); {@link dev.zena.realtime.access.AccessPolicy},
 * whose {@code decide} is called by WebSocket {@code subscribe}, by the REST twins, by live revocation and by
 * {@code check} alike, and whose checks explain each decision; {@link dev.zena.realtime.access.Actions}, asked
 * before task writes, admin requests, metrics reads and minting a token for another user; and
 * {@link dev.zena.realtime.access.Dependents}, the reverse question for live revocation: which channels and
 * connections depend on a changed entity. Knows no web framework: callers turn its answers into their wire form.
 */
package dev.zena.realtime.access;
