package io.ecsmonitor.classifier.streams;

import io.ecsmonitor.classifier.ErrorClassifier;
import io.ecsmonitor.classifier.Verdict;
import io.ecsmonitor.classifier.redact.Redactor;
import io.ecsmonitor.classifier.restart.CrashLoop;
import io.ecsmonitor.classifier.restart.StartupMarkers;
import io.ecsmonitor.classifier.stitch.StitchConfig;
import io.ecsmonitor.classifier.stitch.StitchedEvent;
import io.ecsmonitor.classifier.stitch.Stitcher;
import io.ecsmonitor.classifier.stitch.StreamBuffer;
import io.ecsmonitor.core.model.Category;
import io.ecsmonitor.core.model.ClassifiedEvent;
import io.ecsmonitor.core.model.LogEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Stitches the lines of each log stream into events and classifies them. Each stream's state is kept as
 * an object in memory and written back to the stitch stores just before each commit ({@link PreCommitStore}),
 * once per stream that changed: its head to {@link ClassifierTopology#STITCH_STORE}, the lines of its open
 * trace that changed under one key each to {@link ClassifierTopology#STITCH_LINES_STORE}; the lines of a trace
 * that opens and closes between two commits are never written. The stores are the truth after a restore
 * or a roll-back (Kafka Streams then re-initialises this processor, which forgets its objects), so a task
 * that moves to another instance goes on where its last commit left it.
 * Quiet streams are released by two punctuations: by stream time (event time moved past the stream's
 * last line by {@link StitchConfig#quietMs()}) and by wall-clock time (no line arrived for
 * {@code classifier.stitch.idle.ms}),
 * so the last trace of a stream that went quiet is not held back.
 *
 * <p>Each released event is classified; the redacted event goes on to {@code ecs-monitor.logs.classified}
 * unless it is noise, and a compact {@link Observation} to the statistics. A start-up banner after a
 * crash-tier error in the same stream marks an in-task container restart, with the stream's last error
 * lines as evidence.
 */
final class StitchClassifyProcessor implements Processor<String, LogEvent, String, Judged> {

    /** A closed stream's last event time is rewritten only when it moved this far, to spare the store. */
    static final long LAST_EVENT_RESOLUTION_MS = 60_000;
    /** Pending deltas are forwarded at the latest when they count this many events (bounds the memory). */
    static final int MAX_PENDING_EVENTS = 10_000;

    private final ClassifierStreamsConfig config;
    private final ErrorClassifier classifier;
    private ProcessorContext<String, Judged> context;
    private KeyValueStore<String, StoredStream> store;
    private KeyValueStore<String, String> lines;
    /** Streams whose buffer holds lines: rebuilt from the store at init, so punctuations visit only these. */
    private final Set<String> open = new HashSet<>();
    private long lastPurgeStreamTime = Long.MIN_VALUE;
    private KeyValueStore<String, ServiceDelta> deltaStore;
    /** The deltas not forwarded yet: service to window start to delta. */
    private final java.util.Map<String, java.util.Map<Long, DeltaBuilder>> pending = new java.util.LinkedHashMap<>();
    private long pendingEvents;
    /**
     * New streams whose first event was not released yet: releasing it forwards a restart fact. In memory
     * only: after a failover in between, restart detection learns the task from a delta (no start record).
     */
    private final Set<String> unannounced = new HashSet<>();
    /** The keys of the deltas the delta store holds (written at the last write-back, not forwarded since). */
    private final Set<String> storedDeltas = new HashSet<>();
    /**
     * Streams changed since the last write-back, each with its state as the stores hold it (null when they
     * hold none); their current state is in {@link #recent}.
     */
    private final java.util.Map<String, StreamState> dirty = new java.util.HashMap<>();
    /**
     * The latest state of recently used streams: the stores hold it too unless the stream is {@link #dirty}
     * (a dirty stream is never evicted). Cleared at init, which Kafka Streams runs again whenever it rolls
     * the stores back.
     */
    private final java.util.Map<String, StreamState> recent = new java.util.LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<String, StreamState> eldest) {
            return size() > 10_000 && !dirty.containsKey(eldest.getKey());
        }
    };

    /** The events that {@link #live} released for the line being processed. */
    private final List<StitchedEvent<LineMeta>> released = new ArrayList<>(2);
    /**
     * The open traces, kept from line to line so that a trace's next line costs the same whatever its length
     * (restoring the buffer for each line made a trace of n lines cost n² / 2). Only a cache: the state in
     * {@link #recent} and the stores is the truth. A stream is in here exactly when {@link #inLive} maps it to
     * the buffer that it holds; any other buffer is restored first.
     */
    private final Stitcher<LineMeta> live;
    /** For each stream that {@link #live} holds, the buffer (by identity) it was left with. */
    private final java.util.Map<String, StreamBuffer<LineMeta>> inLive = new java.util.HashMap<>();

    StitchClassifyProcessor(ClassifierStreamsConfig config) {
        this.config = config;
        this.classifier = new ErrorClassifier(config.classifier);
        this.live = new Stitcher<>(config.stitch, released::add);
    }

    @Override
    public void init(ProcessorContext<String, Judged> context) {
        this.context = context;
        PreCommitStore<KeyValueStore<String, StoredStream>> heads = context.getStateStore(ClassifierTopology.STITCH_STORE);
        this.store = heads.store();
        this.lines = context.getStateStore(ClassifierTopology.STITCH_LINES_STORE);
        this.deltaStore = context.getStateStore(ClassifierTopology.DELTAS_STORE);
        open.clear();
        dirty.clear();
        recent.clear();
        pending.clear();
        pendingEvents = 0;
        storedDeltas.clear();
        unannounced.clear();
        live.forgetAll();
        inLive.clear();
        try (KeyValueIterator<String, ServiceDelta> it = deltaStore.all()) {
            while (it.hasNext()) { // counted before the last commit, not forwarded: forwarded by the next punctuation
                KeyValue<String, ServiceDelta> kv = it.next();
                storedDeltas.add(kv.key);
                DeltaBuilder b = DeltaBuilder.of(kv.value, config.lastErrors);
                pending.computeIfAbsent(kv.value.counts().service(), k -> new java.util.TreeMap<>())
                        .put(kv.value.counts().windowStart(), b);
                pendingEvents += b.events();
            }
        }
        heads.beforeCommit(this::writeBack);
        try (KeyValueIterator<String, StoredStream> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<String, StoredStream> kv = it.next();
                if (kv.value != null && kv.value.head() != null) {
                    open.add(kv.key);
                }
            }
        }
        Duration every = Duration.ofMillis(config.punctuationIntervalMs);
        context.schedule(every, PunctuationType.STREAM_TIME, this::flushByStreamTime);
        context.schedule(every, PunctuationType.WALL_CLOCK_TIME, this::flushByWallClock);
    }

    @Override
    public void process(Record<String, LogEvent> record) {
        LogEvent e = record.value();
        String key = record.key() != null ? record.key() : e.streamKey();
        StreamState before = get(key);
        if (before == null) { // a stream not seen (or forgotten): restart detection hears of its first event
            unannounced.add(key);
        }
        StreamState state = before == null ? StreamState.EMPTY : before;
        StreamBuffer<LineMeta> held = state.buffer();
        if (inLive.get(key) != held) { // the stream's buffer moved on elsewhere (a flush, a reload from the store)
            live.forget(key);
            inLive.remove(key);
            if (held != null) {
                live.restore(key, held);
            }
        }
        released.clear();
        live.accept(key, e.timestamp(), e.message(), LineMeta.of(e));
        StreamBuffer<LineMeta> left = live.buffer(key).orElse(null);
        if (left != null) {
            inLive.put(key, left);
        } else {
            live.forget(key);
            inLive.remove(key);
        }
        state = state.withBuffer(left, context.currentSystemTimeMs(), Math.max(state.lastEventMs(), e.timestamp()));
        state = emit(released, state); // emit forwards downstream only: nothing re-enters the stitcher meanwhile
        if (unchangedForTheStore(before, state)) {
            return; // a line released at once by a stream with no open trace: the known state still holds
        }
        put(key, before, state);
        if (left != null) {
            open.add(key);
        } else {
            open.remove(key);
        }
    }

    /**
     * Whether {@code state} differs from the stored {@code before} only in what the store need not follow:
     * no trace open before or after, the same restart evidence, and the last event time moved less than
     * {@link #LAST_EVENT_RESOLUTION_MS} (it only decides when a quiet stream is forgotten, after the store
     * retention). The wall-clock time of the last line matters only while a trace is open. Most lines of
     * most streams are such single-line events, so this spares most store writes.
     */
    static boolean unchangedForTheStore(StreamState before, StreamState state) {
        return before != null && before.buffer() == null && state.buffer() == null
                && before.crashSeen() == state.crashSeen() && before.lastErrors().equals(state.lastErrors())
                && state.lastEventMs() - before.lastEventMs() < LAST_EVENT_RESOLUTION_MS;
    }

    private void flushByStreamTime(long streamTime) {
        flush(s -> streamTime - s.buffer().lastTimestampMs() >= config.stitch.quietMs());
        if (lastPurgeStreamTime == Long.MIN_VALUE || streamTime - lastPurgeStreamTime >= config.storeRetentionMs / 24) {
            lastPurgeStreamTime = streamTime;
            purge(streamTime - config.storeRetentionMs);
        }
    }

    private void flushByWallClock(long now) {
        flush(s -> now - s.lastAppendWall() >= config.stitchIdleMs);
        forwardDeltas(null);
    }

    /** Forwards the pending deltas of {@code service}, or of every service when it is null. */
    private void forwardDeltas(String service) {
        if (pending.isEmpty()) {
            return;
        }
        java.util.Iterator<java.util.Map.Entry<String, java.util.Map<Long, DeltaBuilder>>> it = pending.entrySet().iterator();
        while (it.hasNext()) {
            java.util.Map.Entry<String, java.util.Map<Long, DeltaBuilder>> e = it.next();
            if (service != null && !service.equals(e.getKey())) {
                continue;
            }
            for (DeltaBuilder b : e.getValue().values()) {
                ServiceDelta d = b.build();
                pendingEvents -= b.events();
                context.forward(new Record<>(e.getKey(), new Judged(null, ByService.of(d)), d.counts().lastUpdated()));
            }
            it.remove();
            if (service != null) {
                return;
            }
        }
    }

    /** Forwards a restart fact after the service's pending deltas, so restart detection sees them in order. */
    private void forwardFact(Observation fact, String streamKey) {
        forwardDeltas(fact.service());
        context.forward(new Record<>(streamKey, new Judged(null, ByService.fact(fact)), fact.timestamp()));
    }

    private void flush(java.util.function.Predicate<StreamState> quiet) {
        if (open.isEmpty()) {
            return;
        }
        List<String> released = new ArrayList<>();
        for (String key : open) {
            StreamState state = get(key);
            if (state == null || state.buffer() == null) {
                released.add(key);
                continue;
            }
            if (!quiet.test(state)) {
                continue;
            }
            List<StitchedEvent<LineMeta>> out = new ArrayList<>(2);
            Stitcher<LineMeta> stitcher = new Stitcher<>(config.stitch, out::add);
            stitcher.restore(key, state.buffer());
            stitcher.flushAll();
            live.forget(key);
            inLive.remove(key);
            StreamState before = state;
            state = emit(out, state.withBuffer(null, state.lastAppendWall(), state.lastEventMs()));
            put(key, before, state);
            released.add(key);
        }
        released.forEach(open::remove);
    }

    /** Forgets streams with no line for the store retention: their buffers are empty by then. */
    private void purge(long before) {
        List<String> old = new ArrayList<>();
        try (KeyValueIterator<String, StoredStream> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<String, StoredStream> kv = it.next();
                if (kv.value != null && kv.value.head() == null && kv.value.lastEventMs() < before) {
                    old.add(kv.key);
                }
            }
        }
        old.forEach(k -> {
            if (!dirty.containsKey(k)) { // a dirty stream had a line since the store's copy
                store.delete(k);
                recent.remove(k);
            }
        });
    }

    private StreamState get(String key) {
        StreamState s = recent.get(key);
        if (s == null) {
            StoredStream stored = store.get(key);
            if (stored != null) {
                s = new StreamState(readBuffer(key, stored.head()), stored.lastAppendWall(), stored.lastEventMs(),
                        stored.crashSeen(), stored.lastErrors());
                recent.put(key, s);
            }
        }
        return s;
    }

    private StreamBuffer<LineMeta> readBuffer(String key, StoredStream.Head head) {
        if (head == null) {
            return null;
        }
        List<String> held = new ArrayList<>(head.lines());
        try (KeyValueIterator<String, String> it = lines.range(lineKey(key, 0), lineKey(key, head.lines() - 1))) {
            while (it.hasNext()) {
                held.add(it.next().value);
            }
        }
        if (held.size() != head.lines()) {
            throw new IllegalStateException("stitch store of stream " + key + " holds " + held.size()
                    + " lines where its head counts " + head.lines());
        }
        return new StreamBuffer<>(head.phase(), held, head.firstTimestampMs(), head.lastTimestampMs(),
                head.attachment(), head.continued(), head.pending());
    }

    /** Records the stream's new state; {@code before} is its state until now. */
    private void put(String key, StreamState before, StreamState state) {
        if (!dirty.containsKey(key)) {
            dirty.put(key, before);
        }
        recent.put(key, state);
    }

    /** Writes each changed stream: the lines that differ from the stored ones, then the head. */
    private void writeBack() {
        for (java.util.Map.Entry<String, StreamState> d : dirty.entrySet()) {
            String key = d.getKey();
            StreamState stored = d.getValue();
            StreamState state = recent.get(key);
            if (state == null) {
                continue;
            }
            if (unchangedForTheStore(stored, state)) {
                recent.put(key, stored); // as process() does: compare later lines with what the store holds
                continue;
            }
            List<String> was = stored == null || stored.buffer() == null ? List.of() : stored.buffer().lines();
            List<String> now = state.buffer() == null ? List.of() : state.buffer().lines();
            int same = 0;
            int common = Math.min(was.size(), now.size());
            while (same < common && was.get(same).equals(now.get(same))) {
                same++;
            }
            for (int i = same; i < now.size(); i++) {
                lines.put(lineKey(key, i), now.get(i));
            }
            for (int i = now.size(); i < was.size(); i++) {
                lines.delete(lineKey(key, i));
            }
            store.put(key, StoredStream.of(state));
        }
        dirty.clear();
        Set<String> now = new HashSet<>();
        pending.forEach((service, byWindow) -> byWindow.forEach((start, b) -> {
            String k = StatsProcessor.dirtyKey(service, start);
            if (b.takeUnwritten() || !storedDeltas.contains(k)) { // one restored from the store is there already
                deltaStore.put(k, b.build());
            }
            now.add(k);
        }));
        for (String k : storedDeltas) {
            if (!now.contains(k)) {
                deltaStore.delete(k); // forwarded since the last commit
            }
        }
        storedDeltas.clear();
        storedDeltas.addAll(now);
    }

    /** The lines-store key of line {@code index} of a stream's open trace: sorts by stream, then index. */
    static String lineKey(String streamKey, int index) {
        String digits = Integer.toString(index);
        StringBuilder sb = new StringBuilder(streamKey.length() + 11).append(streamKey).append('\u0000');
        for (int i = digits.length(); i < 10; i++) {
            sb.append('0');
        }
        return sb.append(digits).toString();
    }

    /** Classifies and forwards each event; returns the stream's state with its restart evidence updated. */
    private StreamState emit(List<StitchedEvent<LineMeta>> events, StreamState state) {
        for (StitchedEvent<LineMeta> s : events) {
            LineMeta m = s.attachment();
            String message = s.message();
            Verdict v = classifier.classifyErrors(message);
            int status = v.httpStatus();
            Category category = v.category();
            String redacted = v.noise() ? null : Redactor.redact(message);
            String sample = category == null ? null : shorten(redacted);
            List<StreamState.ErrorLine> restartEvidence = null;
            boolean crashSeen = state.crashSeen();
            List<StreamState.ErrorLine> lastErrors = state.lastErrors();
            if (category != null) {
                crashSeen |= CrashLoop.isCrash(category);
                lastErrors = append(lastErrors, new StreamState.ErrorLine(category, sample), config.lastErrors);
            } else if (!v.noise() && crashSeen && StartupMarkers.isBanner(message)) {
                restartEvidence = lastErrors;
                crashSeen = false;
                lastErrors = List.of();
            }
            state = new StreamState(state.buffer(), state.lastAppendWall(), state.lastEventMs(), crashSeen, lastErrors);
            Observation obs = new Observation(m.service(), m.cluster(), m.logStream(), m.taskId(), m.container(),
                    s.timestampMs(), v.noise(), category, v.fingerprint(), status / 100, sample, restartEvidence);
            if (unannounced.remove(s.streamKey())) {
                forwardFact(new Observation(m.service(), m.cluster(), m.logStream(), m.taskId(), m.container(),
                        s.timestampMs(), false, null, null, 0, null, null), s.streamKey());
            }
            if (restartEvidence != null) {
                forwardFact(obs, s.streamKey());
            }
            long start = s.timestampMs() - Math.floorMod(s.timestampMs(), config.statsWindowMs);
            pending.computeIfAbsent(m.service(), k -> new java.util.TreeMap<>())
                    .computeIfAbsent(start, k -> new DeltaBuilder(m.service(), start, start + config.statsWindowMs,
                            config.lastErrors))
                    .add(obs);
            if (++pendingEvents >= MAX_PENDING_EVENTS) {
                forwardDeltas(null);
            }
            if (!v.noise()) {
                context.forward(new Record<>(s.streamKey(), new Judged(new ClassifiedEvent(m.service(), m.cluster(),
                        m.logGroup(), m.logStream(), m.taskId(), m.container(), m.eventId(), s.timestampMs(),
                        s.lineCount(), category, v.fingerprint(), status, redacted), null), s.timestampMs()));
            }
        }
        return state;
    }

    private String shorten(String text) {
        return text.length() <= config.sampleMaxChars ? text : text.substring(0, config.sampleMaxChars - 3) + "...";
    }

    static <T> List<T> append(List<T> list, T item, int max) {
        List<T> l = new ArrayList<>(Math.min(list.size() + 1, max));
        int from = Math.max(0, list.size() + 1 - max);
        for (int i = from; i < list.size(); i++) {
            l.add(list.get(i));
        }
        l.add(item);
        return l;
    }
}
