/**
 * Publish/subscribe between server nodes behind the {@link dev.zena.realtime.broker.Broker} interface; the
 * in-memory broker serves one process, a Redis broker can follow without changing callers.
 */
package dev.zena.realtime.broker;
