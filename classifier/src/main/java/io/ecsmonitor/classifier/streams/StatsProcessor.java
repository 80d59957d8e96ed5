package io.ecsmonitor.classifier.streams;

import io.ecsmonitor.core.model.Category;
import io.ecsmonitor.core.model.ServiceStats;
import io.ecsmonitor.core.model.ServiceStats.FingerprintCount;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Folds observations into per-service tumbling event-time windows, kept in {@link ClassifierTopology#STATS_STORE}
 * for the store retention (interactive queries), and writes each changed window to {@code ecs-monitor.stats}
 * at most once per emit interval of wall-clock time while it is open: at once when it was not written
 * within the interval, else by the punctuation once the interval has passed. Which windows changed is itself
 * kept in a store ({@link ClassifierTopology#STATS_DIRTY_STORE}), so an update committed before a crash
 * is still emitted after it. The input is {@link ServiceDelta}s (the counts of a service's events in one
 * window since the last delta; restart facts are ignored here), or single observations of an earlier
 * version. A delta whose window ended more than the grace period before the task's stream time is late:
 * it is passed on for the DLQ, its events are counted, and it changes no window.
 *
 * <p>Windows are folded as objects in memory and written to the store just before each commit
 * ({@link PreCommitStore} around the changed-windows store), once per window that changed, so the store
 * and its changelog see one write per window and commit instead of one per observation.
 *
 * <p>The store keeps every tracked fingerprint of a window with its count; the first redacted sample of
 * each is written once to {@link ClassifierTopology#STATS_SAMPLES_STORE}, so that an update rewrites
 * counts only. The topic carries the top N, with their samples.
 */
final class StatsProcessor implements Processor<String, ByService, String, StatsOutput> {

    private static final Comparator<FingerprintCount> MOST_FREQUENT =
            Comparator.comparingLong(FingerprintCount::count).reversed().thenComparing(FingerprintCount::fingerprint);

    /** Windows held as objects between updates, so that an update does not read them back from bytes. */
    private static final int CACHED_WINDOWS = 10_000;

    private final ClassifierStreamsConfig config;
    private ProcessorContext<String, StatsOutput> context;
    private WindowStore<String, ServiceStats> windows;
    private KeyValueStore<String, Long> dirty;
    private KeyValueStore<String, String> samples;
    /**
     * A write-through copy of the latest windows: the store stays the truth (every update is put), and
     * the copy is dropped with the processor, which Kafka Streams re-initialises whenever it rolls the
     * store back (a corrupted task, a migrated one).
     */
    private final Map<String, ServiceStats> recent = new java.util.LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ServiceStats> eldest) {
            return size() > CACHED_WINDOWS && !unwritten.containsKey(eldest.getKey());
        }
    };
    /** Windows changed since the last write-back, by {@link #dirtyKey}; never evicted from {@link #recent}. */
    private final Map<String, ServiceStats> unwritten = new java.util.HashMap<>();
    private long lastPurge = Long.MIN_VALUE;
    /** When each window was last written to the topic (wall clock), within the last emit interval only. */
    private final Map<String, Long> lastEmitted = new java.util.HashMap<>();
    /** The keys of the dirty store, so a window already marked is not marked again; rebuilt at init. */
    private final java.util.Set<String> dirtyKeys = new java.util.HashSet<>();

    StatsProcessor(ClassifierStreamsConfig config) {
        this.config = config;
    }

    @Override
    public void init(ProcessorContext<String, StatsOutput> context) {
        this.context = context;
        this.windows = context.getStateStore(ClassifierTopology.STATS_STORE);
        PreCommitStore<KeyValueStore<String, Long>> changed = context.getStateStore(ClassifierTopology.STATS_DIRTY_STORE);
        this.dirty = changed.store();
        this.samples = context.getStateStore(ClassifierTopology.STATS_SAMPLES_STORE);
        recent.clear();
        unwritten.clear();
        lastEmitted.clear();
        changed.beforeCommit(this::writeBack);
        dirtyKeys.clear();
        try (KeyValueIterator<String, Long> it = dirty.all()) {
            while (it.hasNext()) {
                dirtyKeys.add(it.next().key);
            }
        }
        context.schedule(Duration.ofMillis(config.statsEmitIntervalMs), PunctuationType.WALL_CLOCK_TIME, this::emit);
    }

    @Override
    public void process(Record<String, ByService> record) {
        ByService b = record.value();
        if (b.delta() != null) {
            ServiceStats d = b.delta().counts();
            String reason = lateness(d.service(), d.lastUpdated(), d.windowStart());
            if (reason != null) {
                context.forward(record.withValue(new StatsOutput(null,
                        ClassifierTopology.DELTA_JSON_SERDE.serializer().serialize(null, b.delta()), reason, d.events())));
                return;
            }
            update(d.service(), d.windowStart(), d.lastUpdated(), current -> merge(current, d, config.trackedFingerprints),
                    d.topFingerprints());
        } else if (!b.fact()) { // an observation of an earlier version: one event
            Observation o = b.observation();
            long ts = o.timestamp();
            long start = ts - Math.floorMod(ts, config.statsWindowMs);
            String reason = lateness(o.service(), ts, start);
            if (reason != null) {
                context.forward(record.withValue(new StatsOutput(null,
                        ClassifierTopology.OBSERVATION_JSON_SERDE.serializer().serialize(null, o), reason, 1)));
                return;
            }
            update(o.service(), start, ts, current -> fold(current, o, config.trackedFingerprints),
                    o.fingerprint() == null || o.category() == null || o.noise() ? List.of()
                            : List.of(new FingerprintCount(o.fingerprint(), o.category(), 1, o.sample())));
        }
    }

    /** Why an event at {@code ts} in the window starting at {@code start} is late, or null when it is not. */
    private String lateness(String service, long ts, long start) {
        long end = start + config.statsWindowMs;
        long streamTime = context.currentStreamTimeMs();
        if (end + config.graceMs > streamTime) {
            return null;
        }
        return "late: event time " + ts + " is in window [" + start + "," + end + ") of service "
                + service + ", closed at stream time " + streamTime + " (grace " + config.graceMs + " ms)";
    }

    /** Applies {@code change} to a window, and keeps the samples of the fingerprints it starts tracking. */
    private void update(String service, long start, long ts, java.util.function.UnaryOperator<ServiceStats> change,
            List<FingerprintCount> withSamples) {
        String key = dirtyKey(service, start);
        ServiceStats current = recent.get(key);
        if (current == null) {
            current = windows.fetch(service, start);
        }
        ServiceStats base = current == null ? empty(service, start, start + config.statsWindowMs) : current;
        ServiceStats next = change.apply(base);
        List<FingerprintCount> tracked = next.topFingerprints();
        for (int i = base.topFingerprints().size(); i < tracked.size(); i++) { // newly tracked: appended
            String fp = tracked.get(i).fingerprint();
            for (FingerprintCount f : withSamples) {
                if (f.fingerprint().equals(fp) && f.sample() != null) {
                    samples.put(sampleKey(service, start, fp), f.sample());
                    break;
                }
            }
        }
        unwritten.put(key, next);
        recent.put(key, next);
        long now = context.currentSystemTimeMs();
        Long last = lastEmitted.get(key);
        if (last == null || now - last >= config.statsEmitIntervalMs) { // not written within the interval: now
            forwardWindow(service, next);
            lastEmitted.put(key, now);
            if (dirtyKeys.remove(key)) {
                dirty.delete(key);
            }
        } else if (dirtyKeys.add(key)) { // by the punctuation once the interval has passed
            dirty.put(key, start);
        }
    }

    private void forwardWindow(String service, ServiceStats stats) {
        context.forward(new Record<>(service, new StatsOutput(withSamples(top(stats, config.topFingerprints),
                samples::get), null, null, 0), stats.lastUpdated()));
    }

    /** Writes each window that changed since the last call. */
    private void writeBack() {
        for (Map.Entry<String, ServiceStats> e : unwritten.entrySet()) {
            ServiceStats s = e.getValue();
            windows.put(s.service(), s, s.windowStart());
        }
        unwritten.clear();
    }

    private void emit(long now) {
        List<KeyValue<String, Long>> changed = new ArrayList<>();
        try (KeyValueIterator<String, Long> it = dirty.all()) {
            while (it.hasNext()) {
                changed.add(it.next());
            }
        }
        for (KeyValue<String, Long> kv : changed) {
            Long last = lastEmitted.get(kv.key);
            if (last != null && now - last < config.statsEmitIntervalMs) {
                continue; // written less than an interval ago: at the next punctuation
            }
            String service = kv.key.substring(kv.key.indexOf('/') + 1);
            ServiceStats stats = recent.get(kv.key);
            if (stats == null) {
                stats = windows.fetch(service, kv.value);
            }
            if (stats != null) {
                forwardWindow(service, stats);
                lastEmitted.put(kv.key, now);
            }
            dirty.delete(kv.key);
            dirtyKeys.remove(kv.key);
        }
        lastEmitted.values().removeIf(t -> now - t >= config.statsEmitIntervalMs);
        long streamTime = context.currentStreamTimeMs();
        if (lastPurge == Long.MIN_VALUE || now - lastPurge >= 60_000) {
            lastPurge = now;
            purgeSamples(streamTime - config.storeRetentionMs);
        }
    }

    /** Drops the samples of windows that left the stats store. */
    private void purgeSamples(long before) {
        if (before <= 0) {
            return;
        }
        List<String> old = new ArrayList<>();
        try (KeyValueIterator<String, String> it = samples.range(dirtyKey("", 0), dirtyKey("", before))) {
            while (it.hasNext()) {
                old.add(it.next().key);
            }
        }
        old.forEach(samples::delete);
    }

    /** The samples-store key of one fingerprint of one window. */
    static String sampleKey(String service, long windowStart, String fingerprint) {
        return dirtyKey(service, windowStart) + "/" + fingerprint;
    }

    /** {@code s} with the sample of each listed fingerprint, looked up by its samples-store key. */
    static ServiceStats withSamples(ServiceStats s, java.util.function.Function<String, String> sampleOf) {
        List<FingerprintCount> l = new ArrayList<>(s.topFingerprints().size());
        for (FingerprintCount f : s.topFingerprints()) {
            l.add(new FingerprintCount(f.fingerprint(), f.category(), f.count(),
                    sampleOf.apply(sampleKey(s.service(), s.windowStart(), f.fingerprint()))));
        }
        return new ServiceStats(s.service(), s.windowStart(), s.windowEnd(), s.events(), s.errors(), s.categories(),
                s.statusClasses(), s.noise(), s.noiseStatusClasses(), l, s.lastUpdated());
    }

    /** The dirty-store key: the window start (fixed width, so keys sort by time), then the service. */
    static String dirtyKey(String service, long windowStart) {
        String digits = Long.toString(windowStart);
        StringBuilder sb = new StringBuilder(20 + service.length());
        for (int i = digits.length(); i < 19; i++) {
            sb.append('0');
        }
        return sb.append(digits).append('/').append(service).toString();
    }

    static ServiceStats empty(String service, long start, long end) {
        return new ServiceStats(service, start, end, 0, 0, Map.of(), Map.of(), 0, Map.of(), List.of(), 0);
    }

    /** {@code s} with {@code o} folded in. */
    static ServiceStats fold(ServiceStats s, Observation o, int tracked) {
        long errors = s.errors();
        Map<Category, Long> categories = s.categories();
        Map<String, Long> statusClasses = s.statusClasses();
        long noise = s.noise();
        Map<String, Long> noiseStatusClasses = s.noiseStatusClasses();
        List<FingerprintCount> fingerprints = s.topFingerprints();
        String statusClass = o.statusClass() >= 1 && o.statusClass() <= 5 ? o.statusClass() + "xx" : null;
        if (o.noise()) {
            noise++;
            if (statusClass != null) {
                noiseStatusClasses = increment(noiseStatusClasses, statusClass);
            }
        } else {
            if (statusClass != null) {
                statusClasses = increment(statusClasses, statusClass);
            }
            if (o.category() != null) {
                errors++;
                Map<Category, Long> c = new EnumMap<>(Category.class);
                c.putAll(categories);
                c.merge(o.category(), 1L, Long::sum);
                categories = c;
                if (o.fingerprint() != null) {
                    fingerprints = countFingerprint(fingerprints, o, tracked);
                }
            }
        }
        return new ServiceStats(s.service(), s.windowStart(), s.windowEnd(), s.events() + 1, errors, categories,
                statusClasses, noise, noiseStatusClasses, fingerprints, Math.max(s.lastUpdated(), o.timestamp()));
    }

    /** {@code s} with the delta {@code d} of the same window added; fingerprints beyond {@code tracked} are not listed. */
    static ServiceStats merge(ServiceStats s, ServiceStats d, int tracked) {
        Map<Category, Long> categories = s.categories();
        if (!d.categories().isEmpty()) {
            Map<Category, Long> c = new EnumMap<>(Category.class);
            c.putAll(s.categories());
            d.categories().forEach((k, v) -> c.merge(k, v, Long::sum));
            categories = c;
        }
        List<FingerprintCount> fingerprints = s.topFingerprints();
        if (!d.topFingerprints().isEmpty()) {
            fingerprints = new ArrayList<>(s.topFingerprints().size() + d.topFingerprints().size());
            Map<String, Integer> at = new java.util.HashMap<>();
            for (FingerprintCount f : s.topFingerprints()) {
                at.put(f.fingerprint(), fingerprints.size());
                fingerprints.add(f);
            }
            for (FingerprintCount f : d.topFingerprints()) {
                Integer i = at.get(f.fingerprint());
                if (i != null) {
                    FingerprintCount was = fingerprints.get(i);
                    fingerprints.set(i, new FingerprintCount(was.fingerprint(), was.category(), was.count() + f.count(),
                            was.sample()));
                } else if (fingerprints.size() < tracked) {
                    fingerprints.add(new FingerprintCount(f.fingerprint(), f.category(), f.count(), null));
                }
            }
        }
        return new ServiceStats(s.service(), s.windowStart(), s.windowEnd(), s.events() + d.events(),
                s.errors() + d.errors(), categories, sum(s.statusClasses(), d.statusClasses()), s.noise() + d.noise(),
                sum(s.noiseStatusClasses(), d.noiseStatusClasses()), fingerprints,
                Math.max(s.lastUpdated(), d.lastUpdated()));
    }

    private static Map<String, Long> sum(Map<String, Long> a, Map<String, Long> b) {
        if (b.isEmpty()) {
            return a;
        }
        Map<String, Long> c = new TreeMap<>(a);
        b.forEach((k, v) -> c.merge(k, v, Long::sum));
        return c;
    }

    private static Map<String, Long> increment(Map<String, Long> m, String key) {
        Map<String, Long> c = new TreeMap<>(m);
        c.merge(key, 1L, Long::sum);
        return c;
    }

    private static List<FingerprintCount> countFingerprint(List<FingerprintCount> list, Observation o, int tracked) {
        List<FingerprintCount> l = new ArrayList<>(list.size() + 1);
        boolean found = false;
        for (FingerprintCount f : list) {
            if (!found && f.fingerprint().equals(o.fingerprint())) {
                l.add(new FingerprintCount(f.fingerprint(), f.category(), f.count() + 1, f.sample()));
                found = true;
            } else {
                l.add(f);
            }
        }
        if (!found && l.size() < tracked) {
            l.add(new FingerprintCount(o.fingerprint(), o.category(), 1, null)); // sample: in the samples store
        }
        return l;
    }

    /** {@code s} with its N most frequent fingerprints only, most frequent first. */
    static ServiceStats top(ServiceStats s, int n) {
        List<FingerprintCount> sorted = new ArrayList<>(s.topFingerprints());
        sorted.sort(MOST_FREQUENT);
        List<FingerprintCount> top = sorted.size() <= n ? sorted : sorted.subList(0, n);
        return new ServiceStats(s.service(), s.windowStart(), s.windowEnd(), s.events(), s.errors(), s.categories(),
                s.statusClasses(), s.noise(), s.noiseStatusClasses(), List.copyOf(top), s.lastUpdated());
    }
}
