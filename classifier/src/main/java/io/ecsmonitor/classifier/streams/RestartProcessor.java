package io.ecsmonitor.classifier.streams;

import io.ecsmonitor.classifier.restart.CrashLoop;
import io.ecsmonitor.core.model.RestartEvent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Detects (re)starts per service from its observations:
 * <ul>
 *   <li>{@link RestartEvent.Kind#TASK_START}: the first event of a task not seen before, for a service that
 *       already had tasks, once the warm-up after the service's first event is over (the tasks that were
 *       running when monitoring began are not starts);</li>
 *   <li>{@link RestartEvent.Kind#CONTAINER_RESTART}: a start-up banner after a crash-tier error in the same
 *       stream, found upstream where the stream's lines are.</li>
 * </ul>
 * Each record carries the previous task and stream and the last error lines before it; restarts within
 * the crash-loop window are counted and a crash loop is flagged at the threshold. Tasks not seen for
 * the store retention are forgotten. Histories are kept as objects and written to the store once per
 * changed service just before each commit ({@link PreCommitStore}).
 */
final class RestartProcessor implements Processor<String, ByService, String, RestartEvent> {

    /** A task's last-seen time is rewritten only when it moved this far, to spare the store. */
    private static final long LAST_SEEN_RESOLUTION_MS = 60_000;

    private final ClassifierStreamsConfig config;
    private ProcessorContext<String, RestartEvent> context;
    private KeyValueStore<String, ServiceHistory> store;
    /** Services whose history changed since the last write-back; never evicted from {@link #recent}. */
    private final java.util.Set<String> unwritten = new java.util.HashSet<>();
    /**
     * The services' latest histories; the store holds them too unless {@link #unwritten}. Cleared at init,
     * which Kafka Streams runs again whenever it rolls the store back.
     */
    private final Map<String, ServiceHistory> recent = new java.util.LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ServiceHistory> eldest) {
            return size() > 10_000 && !unwritten.contains(eldest.getKey());
        }
    };

    RestartProcessor(ClassifierStreamsConfig config) {
        this.config = config;
    }

    @Override
    public void init(ProcessorContext<String, RestartEvent> context) {
        this.context = context;
        PreCommitStore<KeyValueStore<String, ServiceHistory>> histories =
                context.getStateStore(ClassifierTopology.RESTART_STORE);
        this.store = histories.store();
        recent.clear();
        unwritten.clear();
        histories.beforeCommit(this::writeBack);
    }

    @Override
    public void process(Record<String, ByService> record) {
        if (record.value().delta() != null) {
            apply(record.value().delta());
            return;
        }
        Observation o = record.value().observation();
        long ts = o.timestamp();
        ServiceHistory h = recent.get(o.service());
        if (h == null) {
            h = store.get(o.service());
        }
        boolean changed = false;
        if (h == null) {
            h = new ServiceHistory(ts, Map.of(), null, null, List.of(), List.of());
            changed = true;
        }
        Map<String, Long> tasks = h.tasks();
        List<StreamState.ErrorLine> lastErrors = h.lastErrors();
        List<Long> restarts = h.restarts();
        String lastTaskId = h.lastTaskId();
        String lastStream = h.lastLogStream();

        if (o.containerRestart() != null) {
            restarts = countRestart(restarts, ts);
            List<String> lines = o.containerRestart().stream().map(StreamState.ErrorLine::text).toList();
            forward(o, RestartEvent.Kind.CONTAINER_RESTART, o.taskId(), o.logStream(), lines,
                    StreamState.mostImportant(o.containerRestart()), restarts.size());
            changed = true;
        }
        String task = o.taskId();
        if (task != null) {
            Long seen = tasks.get(task);
            if (seen == null) {
                boolean start = !tasks.isEmpty() && ts - h.firstSeenMs() > config.restartWarmupMs;
                if (start) {
                    restarts = countRestart(restarts, ts);
                    forward(o, RestartEvent.Kind.TASK_START, lastTaskId, lastStream,
                            lastErrors.stream().map(StreamState.ErrorLine::text).toList(),
                            StreamState.mostImportant(lastErrors), restarts.size());
                }
                tasks = withTask(tasks, task, ts, ts - config.storeRetentionMs);
                changed = true;
            } else if (ts - seen >= LAST_SEEN_RESOLUTION_MS) {
                tasks = withTask(tasks, task, ts, ts - config.storeRetentionMs);
                changed = true;
            }
            if (!task.equals(lastTaskId)) {
                lastTaskId = task;
                lastStream = o.logStream();
                changed = true;
            }
        }
        if (o.category() != null && o.sample() != null) {
            lastErrors = StitchClassifyProcessor.append(lastErrors,
                    new StreamState.ErrorLine(o.category(), o.sample()), config.lastErrors);
            changed = true;
        }
        if (changed) {
            h = new ServiceHistory(h.firstSeenMs(), tasks, lastTaskId, lastStream, lastErrors, restarts);
            unwritten.add(o.service());
        }
        recent.put(o.service(), h);
    }

    /**
     * Takes in what a delta says about the service: the tasks it saw (a task not known yet, which a fact
     * would have announced, is recorded without a start), its latest task and stream, its last error lines.
     */
    private void apply(ServiceDelta d) {
        String service = d.counts().service();
        ServiceHistory h = recent.get(service);
        if (h == null) {
            h = store.get(service);
        }
        long ts = d.counts().lastUpdated();
        if (h == null) {
            long first = d.tasks().values().stream().mapToLong(Long::longValue).min().orElse(ts);
            h = new ServiceHistory(first, Map.of(), null, null, List.of(), List.of());
        }
        Map<String, Long> tasks = h.tasks();
        for (Map.Entry<String, Long> t : d.tasks().entrySet()) {
            Long seen = tasks.get(t.getKey());
            if (seen == null || t.getValue() - seen >= LAST_SEEN_RESOLUTION_MS) {
                tasks = withTask(tasks, t.getKey(), t.getValue(), t.getValue() - config.storeRetentionMs);
            }
        }
        List<StreamState.ErrorLine> lastErrors = h.lastErrors();
        for (StreamState.ErrorLine l : d.lastErrors()) {
            lastErrors = StitchClassifyProcessor.append(lastErrors, l, config.lastErrors);
        }
        h = new ServiceHistory(h.firstSeenMs(), tasks, d.lastTaskId() != null ? d.lastTaskId() : h.lastTaskId(),
                d.lastTaskId() != null ? d.lastLogStream() : h.lastLogStream(), lastErrors, h.restarts());
        unwritten.add(service);
        recent.put(service, h);
    }

    /** Writes the histories that changed since the last call (just before each commit). */
    private void writeBack() {
        for (String service : unwritten) {
            store.put(service, recent.get(service));
        }
        unwritten.clear();
    }

    private List<Long> countRestart(List<Long> restarts, long ts) {
        return CrashLoop.countRestart(restarts, ts, config.crashLoopWindowMs);
    }

    private static Map<String, Long> withTask(Map<String, Long> tasks, String task, long ts, long forgetBefore) {
        Map<String, Long> m = new HashMap<>();
        tasks.forEach((k, v) -> {
            if (v >= forgetBefore) {
                m.put(k, v);
            }
        });
        m.put(task, ts);
        return m;
    }

    private void forward(Observation o, RestartEvent.Kind kind, String previousTask, String previousStream,
            List<String> lastErrors, io.ecsmonitor.core.model.Category category, int inWindow) {
        RestartEvent event = new RestartEvent(o.service(), o.cluster(), kind, o.timestamp(), o.taskId(), o.container(),
                o.logStream(), previousTask, previousStream, List.copyOf(lastErrors), category, inWindow,
                inWindow >= config.crashLoopThreshold);
        context.forward(new Record<>(o.service(), event, o.timestamp()));
    }
}
