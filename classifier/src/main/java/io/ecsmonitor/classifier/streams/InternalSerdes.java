package io.ecsmonitor.classifier.streams;

import io.ecsmonitor.classifier.stitch.StreamBuffer;
import io.ecsmonitor.classifier.stitch.TracePhase;
import io.ecsmonitor.classifier.streams.BinaryCodec.Reader;
import io.ecsmonitor.classifier.streams.BinaryCodec.Writer;
import io.ecsmonitor.core.model.Category;
import io.ecsmonitor.core.model.ServiceStats;
import io.ecsmonitor.core.model.ServiceStats.FingerprintCount;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serde;

/**
 * The serdes of the classifier's internal state stores and repartition topic, in {@link BinaryCodec}'s
 * compact format (each still reads the JSON an earlier version wrote). The field order of each value is
 * its record's component order; a change of layout needs a new {@link BinaryCodec#FORMAT}.
 */
final class InternalSerdes {

    static final Serde<Observation> OBSERVATION =
            BinaryCodec.serde(Observation.class, InternalSerdes::writeObservation, InternalSerdes::readObservation);
    static final Serde<StoredStream> STORED_STREAM =
            BinaryCodec.serde(StoredStream.class, InternalSerdes::writeStoredStream, InternalSerdes::readStoredStream);
    static final Serde<ServiceHistory> SERVICE_HISTORY =
            BinaryCodec.serde(ServiceHistory.class, InternalSerdes::writeHistory, InternalSerdes::readHistory);
    static final Serde<ServiceStats> SERVICE_STATS =
            BinaryCodec.serde(ServiceStats.class, InternalSerdes::writeStats, InternalSerdes::readStats);
    static final byte TAG_FACT = 'F';
    static final byte TAG_DELTA = 'D';
    static final Serde<ServiceDelta> SERVICE_DELTA =
            BinaryCodec.serde(ServiceDelta.class, InternalSerdes::writeDelta, InternalSerdes::readDelta);
    /**
     * The repartition topic's values: an observation as earlier versions wrote it (binary or JSON), or a tag
     * byte ({@code F}: a restart fact, {@code D}: a delta) followed by the tagged value in its own serde.
     */
    static final Serde<ByService> BY_SERVICE = org.apache.kafka.common.serialization.Serdes.serdeFrom(
            (topic, v) -> v == null ? null : v.delta() != null ? tagged(TAG_DELTA, SERVICE_DELTA.serializer()
                    .serialize(topic, v.delta())) : v.fact() ? tagged(TAG_FACT, OBSERVATION.serializer()
                    .serialize(topic, v.observation())) : OBSERVATION.serializer().serialize(topic, v.observation()),
            (topic, b) -> {
                if (b == null) {
                    return null;
                }
                if (b.length > 0 && b[0] == TAG_DELTA) {
                    return ByService.of(SERVICE_DELTA.deserializer().deserialize(topic, java.util.Arrays.copyOfRange(b, 1, b.length)));
                }
                if (b.length > 0 && b[0] == TAG_FACT) {
                    return ByService.fact(OBSERVATION.deserializer().deserialize(topic, java.util.Arrays.copyOfRange(b, 1, b.length)));
                }
                return new ByService(OBSERVATION.deserializer().deserialize(topic, b), false, null);
            });
    static final Serde<EventIdBatch> EVENT_ID_BATCH =
            BinaryCodec.serde(EventIdBatch.class, InternalSerdes::writeIdBatch, InternalSerdes::readIdBatch);

    private InternalSerdes() {
    }

    private static byte[] tagged(byte tag, byte[] value) {
        byte[] b = new byte[value.length + 1];
        b[0] = tag;
        System.arraycopy(value, 0, b, 1, value.length);
        return b;
    }

    // ---- ServiceDelta

    private static Map<String, Long> readTasks(Reader r) {
        int n = r.varint();
        Map<String, Long> tasks = new HashMap<>();
        for (int i = 0; i < n; i++) {
            tasks.put(r.string(), r.zlong());
        }
        return tasks;
    }

    /** A task-id → time map (null written as empty). */
    private static void writeTasks(Writer w, Map<String, Long> tasks) {
        Map<String, Long> t = tasks == null ? Map.of() : tasks;
        w.varint(t.size());
        t.forEach((k, v) -> {
            w.string(k);
            w.zlong(v);
        });
    }

    static void writeDelta(Writer w, ServiceDelta d) {
        writeStats(w, d.counts());
        writeTasks(w, d.tasks());
        w.string(d.lastTaskId());
        w.string(d.lastLogStream());
        writeErrorLines(w, d.lastErrors());
    }

    static ServiceDelta readDelta(Reader r) {
        ServiceStats counts = readStats(r);
        Map<String, Long> tasks = readTasks(r);
        String lastTask = r.string();
        String lastStream = r.string();
        List<StreamState.ErrorLine> lastErrors = readErrorLines(r);
        return new ServiceDelta(counts, tasks, lastTask, lastStream, lastErrors == null ? List.of() : lastErrors);
    }

    // ---- EventIdBatch

    static void writeIdBatch(Writer w, EventIdBatch b) {
        w.varint(b.size());
        for (int i = 0; i < b.size(); i++) {
            w.string(b.ids()[i]);
            w.zlong(b.timestamps()[i]);
        }
    }

    static EventIdBatch readIdBatch(Reader r) {
        int n = r.varint();
        if (n < 0 || n > RecentEventIds.BATCH_SIZE) {
            throw new IllegalArgumentException("event id batch of " + n + " ids");
        }
        String[] ids = new String[n];
        long[] ts = new long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = r.string();
            ts[i] = r.zlong();
        }
        return new EventIdBatch(ids, ts);
    }

    // ---- Observation

    static void writeObservation(Writer w, Observation o) {
        w.string(o.service());
        w.string(o.cluster());
        w.string(o.logStream());
        w.string(o.taskId());
        w.string(o.container());
        w.zlong(o.timestamp());
        w.bool(o.noise());
        w.enumName(o.category());
        w.string(o.fingerprint());
        w.varint(o.statusClass());
        w.string(o.sample());
        writeErrorLines(w, o.containerRestart());
    }

    static Observation readObservation(Reader r) {
        return new Observation(r.string(), r.string(), r.string(), r.string(), r.string(), r.zlong(), r.bool(),
                r.enumName(Category.class), r.string(), r.varint(), r.string(), readErrorLines(r));
    }

    /** A nullable list of error lines: 0 for null, else its size + 1 and the lines. */
    private static void writeErrorLines(Writer w, List<StreamState.ErrorLine> lines) {
        if (lines == null) {
            w.varint(0);
            return;
        }
        w.varint(lines.size() + 1);
        for (StreamState.ErrorLine l : lines) {
            w.enumName(l.category());
            w.string(l.text());
        }
    }

    private static List<StreamState.ErrorLine> readErrorLines(Reader r) {
        int n = r.varint();
        if (n == 0) {
            return null;
        }
        List<StreamState.ErrorLine> l = new ArrayList<>(n - 1);
        for (int i = 1; i < n; i++) {
            l.add(new StreamState.ErrorLine(r.enumName(Category.class), r.string()));
        }
        return l;
    }

    // ---- StoredStream

    static void writeStoredStream(Writer w, StoredStream s) {
        StoredStream.Head h = s.head();
        w.bool(h != null);
        if (h != null) {
            w.enumName(h.phase());
            w.varint(h.lines());
            w.zlong(h.firstTimestampMs());
            w.zlong(h.lastTimestampMs());
            writeMeta(w, h.attachment());
            w.bool(h.continued());
            List<StreamBuffer.PendingLine<LineMeta>> pending = h.pending() == null ? List.of() : h.pending();
            w.varint(pending.size());
            for (StreamBuffer.PendingLine<LineMeta> p : pending) {
                w.string(p.line());
                w.zlong(p.timestampMs());
                writeMeta(w, p.attachment());
            }
        }
        w.zlong(s.lastAppendWall());
        w.zlong(s.lastEventMs());
        w.bool(s.crashSeen());
        writeErrorLines(w, s.lastErrors());
    }

    static StoredStream readStoredStream(Reader r) {
        StoredStream.Head head = null;
        if (r.bool()) {
            TracePhase phase = r.enumName(TracePhase.class);
            int lines = r.varint();
            long first = r.zlong();
            long last = r.zlong();
            LineMeta attachment = readMeta(r);
            boolean continued = r.bool();
            int n = r.varint();
            List<StreamBuffer.PendingLine<LineMeta>> pending = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                pending.add(new StreamBuffer.PendingLine<>(r.string(), r.zlong(), readMeta(r)));
            }
            head = new StoredStream.Head(phase, lines, first, last, attachment, continued, pending);
        }
        return new StoredStream(head, r.zlong(), r.zlong(), r.bool(), readErrorLines(r));
    }

    private static void writeMeta(Writer w, LineMeta m) {
        w.bool(m != null);
        if (m != null) {
            w.string(m.service());
            w.string(m.cluster());
            w.string(m.logGroup());
            w.string(m.logStream());
            w.string(m.taskId());
            w.string(m.container());
            w.string(m.eventId());
        }
    }

    private static LineMeta readMeta(Reader r) {
        return r.bool() ? new LineMeta(r.string(), r.string(), r.string(), r.string(), r.string(), r.string(),
                r.string()) : null;
    }

    // ---- ServiceHistory

    static void writeHistory(Writer w, ServiceHistory h) {
        w.zlong(h.firstSeenMs());
        writeTasks(w, h.tasks());
        w.string(h.lastTaskId());
        w.string(h.lastLogStream());
        writeErrorLines(w, h.lastErrors());
        List<Long> restarts = h.restarts();
        w.varint(restarts == null ? 0 : restarts.size() + 1);
        if (restarts != null) {
            restarts.forEach(w::zlong);
        }
    }

    static ServiceHistory readHistory(Reader r) {
        long first = r.zlong();
        Map<String, Long> tasks = readTasks(r);
        String lastTask = r.string();
        String lastStream = r.string();
        List<StreamState.ErrorLine> lastErrors = readErrorLines(r);
        int m = r.varint();
        List<Long> restarts = null;
        if (m > 0) {
            restarts = new ArrayList<>(m - 1);
            for (int i = 1; i < m; i++) {
                restarts.add(r.zlong());
            }
        }
        return new ServiceHistory(first, tasks, lastTask, lastStream, lastErrors, restarts);
    }

    // ---- ServiceStats (the stats store; the stats topic keeps its JSON)

    static void writeStats(Writer w, ServiceStats s) {
        w.string(s.service());
        w.zlong(s.windowStart());
        w.zlong(s.windowEnd());
        w.varlong(s.events());
        w.varlong(s.errors());
        Map<Category, Long> categories = s.categories() == null ? Map.of() : s.categories();
        w.varint(categories.size());
        categories.forEach((k, v) -> {
            w.enumName(k);
            w.varlong(v);
        });
        writeCounts(w, s.statusClasses());
        w.varlong(s.noise());
        writeCounts(w, s.noiseStatusClasses());
        List<FingerprintCount> fps = s.topFingerprints() == null ? List.of() : s.topFingerprints();
        w.varint(fps.size());
        for (FingerprintCount f : fps) {
            w.string(f.fingerprint());
            w.enumName(f.category());
            w.varlong(f.count());
            w.string(f.sample());
        }
        w.zlong(s.lastUpdated());
    }

    static ServiceStats readStats(Reader r) {
        String service = r.string();
        long start = r.zlong();
        long end = r.zlong();
        long events = r.varlong();
        long errors = r.varlong();
        int n = r.varint();
        Map<Category, Long> categories = new EnumMap<>(Category.class);
        for (int i = 0; i < n; i++) {
            categories.put(r.enumName(Category.class), r.varlong());
        }
        Map<String, Long> statusClasses = readCounts(r);
        long noise = r.varlong();
        Map<String, Long> noiseStatusClasses = readCounts(r);
        int f = r.varint();
        List<FingerprintCount> fps = new ArrayList<>(f);
        for (int i = 0; i < f; i++) {
            fps.add(new FingerprintCount(r.string(), r.enumName(Category.class), r.varlong(), r.string()));
        }
        return new ServiceStats(service, start, end, events, errors, categories, statusClasses, noise,
                noiseStatusClasses, fps, r.zlong());
    }

    private static void writeCounts(Writer w, Map<String, Long> counts) {
        Map<String, Long> m = counts == null ? Map.of() : counts;
        w.varint(m.size());
        m.forEach((k, v) -> {
            w.string(k);
            w.varlong(v);
        });
    }

    private static Map<String, Long> readCounts(Reader r) {
        int n = r.varint();
        Map<String, Long> m = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            m.put(r.string(), r.varlong());
        }
        return m;
    }
}
