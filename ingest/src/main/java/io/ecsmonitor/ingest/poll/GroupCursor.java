package io.ecsmonitor.ingest.poll;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where reading one log group stands: the last event timestamp emitted, the ids emitted at that
 * timestamp, and the ids emitted within the overlap window before it, so a query that starts earlier
 * (late ingestion) or at the same millisecond (events with equal timestamps arrive late too) emits
 * only what is new.
 *
 * <p>Source offset (Connect allows only primitive values, so id lists are comma-separated strings):
 * {@code {"ts": last, "ids": "id,id"}} (the ids at {@code last}) on every record, plus
 * {@code "window": "id,id"} (the ids in the overlap window) on the last record of each page, which is
 * what a restart normally resumes from.
 */
final class GroupCursor {

    static final String TS = "ts";
    static final String IDS = "ids";
    static final String WINDOW = "window";

    final String group;
    final Map<String, String> partition;
    private final long overlapMs;
    private long lastTs = -1;
    private final Set<String> idsAtLast = new HashSet<>();
    private final Map<String, Long> recent = new HashMap<>();

    // query state
    boolean inQuery;
    long queryStart;
    String nextToken;
    long nextQueryAt;
    long backoffMs;

    GroupCursor(String group, long overlapMs, Map<String, Object> stored) {
        this.group = group;
        this.partition = partition(group);
        this.overlapMs = overlapMs;
        if (stored != null && stored.get(TS) instanceof Number ts) {
            lastTs = ts.longValue();
            for (String id : ids(stored.get(IDS))) {
                idsAtLast.add(id);
                recent.put(id, lastTs);
            }
            for (String id : ids(stored.get(WINDOW))) {
                recent.putIfAbsent(id, lastTs - 1);
            }
        }
    }

    static Map<String, String> partition(String group) {
        return Map.of("logGroup", group);
    }

    private static List<String> ids(Object o) {
        List<String> out = new ArrayList<>();
        if (o instanceof String s && !s.isEmpty()) {
            out.addAll(List.of(s.split(",")));
        }
        return out;
    }

    long lastTimestamp() {
        return lastTs;
    }

    /** Where the next query starts: {@code overlap} before the last timestamp, or {@code fallback} when none is known. */
    long queryStartTime(long fallback) {
        return lastTs < 0 ? fallback : Math.max(0, lastTs - overlapMs);
    }

    /** True when {@code id} was already emitted. */
    boolean seen(String id) {
        return recent.containsKey(id);
    }

    /** Records an emitted event and returns the offset that covers it. */
    Map<String, Object> emitted(String id, long ts) {
        recent.put(id, ts);
        if (ts > lastTs) {
            lastTs = ts;
            idsAtLast.clear();
        }
        if (ts == lastTs) {
            idsAtLast.add(id);
        }
        return Map.of(TS, lastTs, IDS, String.join(",", idsAtLast));
    }

    /** The offset with the overlap window's ids too. */
    Map<String, Object> fullOffset() {
        List<String> window = new ArrayList<>();
        long from = lastTs - overlapMs;
        recent.forEach((id, ts) -> {
            if (ts >= from && ts < lastTs) {
                window.add(id);
            }
        });
        return Map.of(TS, lastTs, IDS, String.join(",", idsAtLast), WINDOW, String.join(",", window));
    }

    /** Forgets ids older than the overlap window: a query never reaches them again. */
    void prune() {
        long from = lastTs - overlapMs;
        recent.values().removeIf(ts -> ts < from);
    }
}
