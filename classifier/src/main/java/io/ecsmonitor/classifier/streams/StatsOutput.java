package io.ecsmonitor.classifier.streams;

import io.ecsmonitor.core.model.ServiceStats;

/**
 * What the statistics operator passes on: a window update, or an observation that came after its
 * window's grace period (for the DLQ).
 *
 * @param stats      the window's statistics, or null
 * @param late       the late delta or observation as JSON, for the DLQ, or null
 * @param lateReason why it is late
 * @param lateEvents how many events it counts
 */
record StatsOutput(ServiceStats stats, byte[] late, String lateReason, long lateEvents) {
}
