/**
 * The command line (picocli): {@code serve}, {@code import}, {@code token}, {@code revoke}, {@code check},
 * {@code config check|print}, {@code version}, and the jar's {@code Main}. Every command reads the same layered
 * configuration and opens (creating or migrating) the same store.
 */
package dev.zena.realtime.cli;
