/**
 * Configuration: the catalogue of settings and their defaults ({@link dev.zena.realtime.config.Settings}), loading
 * from defaults, a YAML file, {@code WEBSOCKET_*} environment variables and flags
 * ({@link dev.zena.realtime.config.ConfigLoader}), validation with the path of the bad setting, the immutable
 * {@link dev.zena.realtime.config.ServerConfig} tree other packages read, {@code config print}
 * ({@link dev.zena.realtime.config.ConfigPrinter}) and the generated reference docs
 * ({@link dev.zena.realtime.config.ConfigDocs}). Depends on nothing else in the server.
 */
package dev.zena.realtime.config;
