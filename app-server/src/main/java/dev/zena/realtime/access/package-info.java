/**
 * The one place that answers "may this principal read this resource": channel names and their patterns
 * ({@link dev.zena.realtime.access.ChannelCatalog}), and {@link dev.zena.realtime.access.AccessPolicy}, whose
 * {@code decide} is called by WebSocket {@code subscribe}, by the REST twins, by live revocation and by
 * {@code check} alike, and whose checks explain each decision. {@link dev.zena.realtime.access.Dependents} answers
 * the reverse question for live revocation: which channels and connections depend on a changed entity.
 */
package dev.zena.realtime.access;
