package io.ecsmonitor.classifier.streams;

/**
 * A record of the repartition topic {@code observations-by-service}: a {@link ServiceDelta}, or an
 * {@link Observation}. An observation with {@code fact} set only tells restart detection about one event
 * (the first line of a new log stream, a start-up banner after a crash) and is counted by a delta; one
 * without it (written by an earlier version, one record per event) is counted by itself.
 *
 * @param observation an observation, or null
 * @param fact        the observation is counted elsewhere (in a delta)
 * @param delta       a delta, or null
 */
record ByService(Observation observation, boolean fact, ServiceDelta delta) {

    static ByService fact(Observation o) {
        return new ByService(o, true, null);
    }

    static ByService of(ServiceDelta d) {
        return new ByService(null, false, d);
    }

    String service() {
        return delta != null ? delta.counts().service() : observation.service();
    }
}
