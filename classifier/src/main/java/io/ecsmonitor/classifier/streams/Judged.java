package io.ecsmonitor.classifier.streams;

import io.ecsmonitor.core.model.ClassifiedEvent;

/**
 * What the stitch-and-classify operator passes on, in memory between two operators: a record for
 * {@code ecs-monitor.logs.classified} (a classified event that is not noise), or one for the repartition
 * topic (a delta of a service's counts, or a restart fact).
 *
 * @param event     the classified event, or null
 * @param byService the record for the service-keyed task, or null
 */
record Judged(ClassifiedEvent event, ByService byService) {
}
