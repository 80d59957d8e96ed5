package io.ecsmonitor.classifier.streams;

import io.ecsmonitor.core.model.Category;
import io.ecsmonitor.core.model.ServiceStats;
import io.ecsmonitor.core.model.ServiceStats.FingerprintCount;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Accumulates the observations of one service and window into a {@link ServiceDelta}; mutable. */
final class DeltaBuilder {

    private final String service;
    private final long windowStart;
    private final long windowEnd;
    private final int lastErrorsKept;
    private long events;
    private long errors;
    private final Map<Category, Long> categories = new EnumMap<>(Category.class);
    private final Map<String, Long> statusClasses = new TreeMap<>();
    private long noise;
    private final Map<String, Long> noiseStatusClasses = new TreeMap<>();
    /** Fingerprint to {count, category, first sample}, in the order first seen. */
    private final Map<String, Object[]> fingerprints = new LinkedHashMap<>();
    private long lastUpdated;
    private final Map<String, Long> tasks = new HashMap<>();
    private String lastTaskId;
    private String lastLogStream;
    private List<StreamState.ErrorLine> lastErrors = List.of();
    /** Changed since it was last written to the delta store (or read from it). */
    private boolean unwritten;

    DeltaBuilder(String service, long windowStart, long windowEnd, int lastErrorsKept) {
        this.service = service;
        this.windowStart = windowStart;
        this.windowEnd = windowEnd;
        this.lastErrorsKept = lastErrorsKept;
    }

    /** A builder that goes on from a delta written before a commit. */
    static DeltaBuilder of(ServiceDelta d, int lastErrorsKept) {
        ServiceStats c = d.counts();
        DeltaBuilder b = new DeltaBuilder(c.service(), c.windowStart(), c.windowEnd(), lastErrorsKept);
        b.events = c.events();
        b.errors = c.errors();
        b.categories.putAll(c.categories());
        b.statusClasses.putAll(c.statusClasses());
        b.noise = c.noise();
        b.noiseStatusClasses.putAll(c.noiseStatusClasses());
        for (FingerprintCount f : c.topFingerprints()) {
            b.fingerprints.put(f.fingerprint(), new Object[] {f.count(), f.category(), f.sample()});
        }
        b.lastUpdated = c.lastUpdated();
        b.tasks.putAll(d.tasks());
        b.lastTaskId = d.lastTaskId();
        b.lastLogStream = d.lastLogStream();
        b.lastErrors = d.lastErrors();
        return b;
    }

    long events() {
        return events;
    }

    /** Adds one stitched event, as {@link StatsProcessor#fold} and {@link RestartProcessor} would see it. */
    void add(Observation o) {
        unwritten = true;
        events++;
        String statusClass = o.statusClass() >= 1 && o.statusClass() <= 5 ? o.statusClass() + "xx" : null;
        if (o.noise()) {
            noise++;
            if (statusClass != null) {
                noiseStatusClasses.merge(statusClass, 1L, Long::sum);
            }
        } else {
            if (statusClass != null) {
                statusClasses.merge(statusClass, 1L, Long::sum);
            }
            if (o.category() != null) {
                errors++;
                categories.merge(o.category(), 1L, Long::sum);
                if (o.fingerprint() != null) {
                    Object[] f = fingerprints.get(o.fingerprint());
                    if (f == null) {
                        fingerprints.put(o.fingerprint(), new Object[] {1L, o.category(), o.sample()});
                    } else {
                        f[0] = (Long) f[0] + 1;
                    }
                }
            }
        }
        lastUpdated = Math.max(lastUpdated, o.timestamp());
        if (o.taskId() != null) {
            tasks.merge(o.taskId(), o.timestamp(), Math::max);
            lastTaskId = o.taskId();
            lastLogStream = o.logStream();
        }
        if (o.category() != null && o.sample() != null) {
            lastErrors = StitchClassifyProcessor.append(lastErrors, new StreamState.ErrorLine(o.category(), o.sample()),
                    lastErrorsKept);
        }
    }

    /** Whether it changed since the last call (a builder read back from the store has not). */
    boolean takeUnwritten() {
        boolean was = unwritten;
        unwritten = false;
        return was;
    }

    ServiceDelta build() {
        List<FingerprintCount> fps = new ArrayList<>(fingerprints.size());
        fingerprints.forEach((fp, f) -> fps.add(new FingerprintCount(fp, (Category) f[1], (Long) f[0], (String) f[2])));
        ServiceStats counts = new ServiceStats(service, windowStart, windowEnd, events, errors, new EnumMap<>(categories),
                new TreeMap<>(statusClasses), noise, new TreeMap<>(noiseStatusClasses), fps, lastUpdated);
        return new ServiceDelta(counts, new HashMap<>(tasks), lastTaskId, lastLogStream, List.copyOf(lastErrors));
    }
}
