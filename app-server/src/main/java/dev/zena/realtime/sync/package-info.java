/**
 * Import and sync: the one logic that reads an import document (SPEC §8, plus the {@code deleted} and
 * {@code revoked_jtis} extras of the sync API, §6), validates it against itself and the store, reporting every
 * mistake by the entry that makes it, and applies it as one {@link dev.zena.realtime.store.ChangeSet}. Used by the
 * {@code import} command, {@code POST /api/v1/sync} and the demo data. Never imports {@code java.sql}.
 */
package dev.zena.realtime.sync;
