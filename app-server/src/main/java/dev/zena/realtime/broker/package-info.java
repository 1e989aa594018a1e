/**
 * Publish/subscribe between server nodes behind the {@link dev.zena.realtime.broker.Broker} interface, and each
 * channel's position and recent events (SPEC §9): {@link dev.zena.realtime.broker.MemoryBroker} serves one
 * process, {@link dev.zena.realtime.broker.RedisBroker} a cluster sharing one Redis (through
 * {@link dev.zena.realtime.broker.RedisLink}, which the presence package's Redis members use too). With the
 * presence package, the only place that imports the Redis client (Lettuce); never the hub, the store or a web
 * framework.
 */
package dev.zena.realtime.broker;
