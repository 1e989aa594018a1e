package dev.zena.realtime.config;

import java.time.Duration;

/** Ping frames every {@code interval}; close 4002 after {@code timeout} without any inbound frame. */
public record HeartbeatConfig(Duration interval, Duration timeout) {}
