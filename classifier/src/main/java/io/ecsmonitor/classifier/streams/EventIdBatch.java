package io.ecsmonitor.classifier.streams;

/**
 * The dedup store's value: up to {@link RecentEventIds#BATCH_SIZE} event ids of one log stream, in the
 * order they were first seen, with their event times. Many ids share one store key, so the changelog
 * carries about one record per active stream and commit instead of one per event.
 *
 * @param ids        the event ids
 * @param timestamps the event time of each id, same order
 */
record EventIdBatch(String[] ids, long[] timestamps) {

    int size() {
        return ids.length;
    }
}
