package dev.zena.realtime.console.features.traffic;

import dev.zena.realtime.console.client.TrafficSample;

/** One second of one tenant's traffic, {@code secondsAgo} before the newest second (0 = newest). */
public record TrafficPoint(int secondsAgo, TrafficSample sample) {}
