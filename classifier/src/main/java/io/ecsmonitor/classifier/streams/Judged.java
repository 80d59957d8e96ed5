package io.ecsmonitor.classifier.streams;

import io.ecsmonitor.core.model.ClassifiedEvent;

/**
 * One stitched event after classification, in memory between two operators: the record for
 * {@code ecs-monitor.logs.classified} (null for noise) and the observation for the statistics.
 *
 * @param event       the classified event, or null when the event is noise
 * @param observation the compact observation
 */
record Judged(ClassifiedEvent event, Observation observation) {
}
