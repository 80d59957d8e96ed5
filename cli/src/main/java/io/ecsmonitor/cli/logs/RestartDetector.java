package io.ecsmonitor.cli.logs;

import io.ecsmonitor.classifier.restart.CrashLoop;
import io.ecsmonitor.classifier.restart.StartupMarkers;
import io.ecsmonitor.core.model.Category;
import io.ecsmonitor.core.model.RestartEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the (re)starts of a service's tasks and containers in its analysed events, with the evidence
 * before each:
 * <ul>
 * <li>{@link RestartEvent.Kind#TASK_START}: the first event of a task (its awslogs stream, or the
 * stream when it has no task id) that began within the window, while the service already had
 * another task logging. Whether a stream began within the window is CloudWatch's word
 * ({@code firstEventTimestamp} of DescribeLogStreams); when CloudWatch did not say, a stream whose
 * first event is a start-up banner counts as begun.</li>
 * <li>{@link RestartEvent.Kind#CONTAINER_RESTART}: a start-up banner after a crash-tier error
 * ({@code oom}, {@code panic}, {@code fatal}) in the same stream: the container restarted in its task.</li>
 * </ul>
 * Each restart carries the last error lines seen in the service before it, and how many restarts the
 * crash-loop window holds; {@value CrashLoop#DEFAULT_THRESHOLD} within
 * {@value CrashLoop#DEFAULT_WINDOW_MINUTES} minutes is a crash loop ({@link CrashLoop}, shared with the
 * streaming classifier).
 */
public final class RestartDetector {

    /** Error lines kept as the evidence of a restart. */
    public static final int EVIDENCE_LINES = 5;
    /** Errors older than this before a restart are not its evidence. */
    static final long EVIDENCE_MAX_AGE_MS = 15 * 60_000L;
    private static final int SAMPLE_CHARS = 300;

    private RestartDetector() {
    }

    /**
     * The restarts in {@code events}.
     *
     * @param service          the service
     * @param cluster          the cluster, or null
     * @param events           the service's analysed events, in timestamp order
     * @param streamFirstEvent the first event time CloudWatch holds per stream (may lack streams)
     * @param windowStartMs    the start of the window read
     */
    public static List<RestartEvent> detect(String service, String cluster, List<AnalyzedEvent> events,
                                            Map<String, Long> streamFirstEvent, long windowStartMs) {
        List<RestartEvent> out = new ArrayList<>();
        Map<String, Long> lastSeenByTask = new LinkedHashMap<>();
        Map<String, String> lastStreamByTask = new HashMap<>();
        Map<String, AnalyzedEvent> crashByStream = new HashMap<>();
        Deque<AnalyzedEvent> recentErrors = new ArrayDeque<>();
        List<Long> restartTimes = new ArrayList<>();

        for (AnalyzedEvent e : events) {
            String task = e.taskKey();
            boolean banner = !e.isError() && StartupMarkers.isBanner(e.message());
            if (!lastSeenByTask.containsKey(task)) {
                Long first = firstEventOfTask(task, e, events, streamFirstEvent);
                boolean begunInWindow = first != null ? first >= windowStartMs : banner;
                if (begunInWindow && !lastSeenByTask.isEmpty()) {
                    String previousTask = latestBefore(lastSeenByTask);
                    out.add(restart(service, cluster, RestartEvent.Kind.TASK_START, e, previousTask,
                            lastStreamByTask.get(previousTask), recentErrors, restartTimes));
                    crashByStream.clear(); // the evidence belongs to the restart just reported
                }
            } else if (banner && crashByStream.containsKey(e.logStream())) {
                out.add(restart(service, cluster, RestartEvent.Kind.CONTAINER_RESTART, e, task, e.logStream(),
                        recentErrors, restartTimes));
                crashByStream.remove(e.logStream());
            }
            if (e.isError()) {
                if (CrashLoop.isCrash(e.category())) {
                    crashByStream.put(e.logStream(), e);
                }
                recentErrors.addLast(e);
                if (recentErrors.size() > EVIDENCE_LINES) {
                    recentErrors.removeFirst();
                }
            }
            lastSeenByTask.remove(task);
            lastSeenByTask.put(task, e.timestamp());
            lastStreamByTask.put(task, e.logStream());
        }
        return out;
    }

    /** The earliest first-event time CloudWatch gave for any stream of the task. */
    private static Long firstEventOfTask(String task, AnalyzedEvent e, List<AnalyzedEvent> events,
                                         Map<String, Long> streamFirstEvent) {
        Long first = streamFirstEvent.get(e.logStream());
        if (e.first().taskId() == null) {
            return first;
        }
        for (AnalyzedEvent other : events) {
            if (task.equals(other.taskKey())) {
                Long f = streamFirstEvent.get(other.logStream());
                if (f != null && (first == null || f < first)) {
                    first = f;
                }
            }
        }
        return first;
    }

    /** The task that logged last (insertion order of the map is the order of last events). */
    private static String latestBefore(Map<String, Long> lastSeenByTask) {
        String last = null;
        for (String t : lastSeenByTask.keySet()) {
            last = t;
        }
        return last;
    }

    private static RestartEvent restart(String service, String cluster, RestartEvent.Kind kind, AnalyzedEvent e,
                                        String previousTask, String previousStream, Deque<AnalyzedEvent> recentErrors,
                                        List<Long> restartTimes) {
        List<String> evidence = new ArrayList<>();
        Category worst = null;
        for (AnalyzedEvent err : recentErrors) {
            if (e.timestamp() - err.timestamp() <= EVIDENCE_MAX_AGE_MS) {
                evidence.add(err.sample(SAMPLE_CHARS));
                worst = Category.first(worst, err.category());
            }
        }
        recentErrors.clear();
        List<Long> inWindowTimes = CrashLoop.countRestart(restartTimes, e.timestamp(), CrashLoop.DEFAULT_WINDOW_MS);
        restartTimes.clear();
        restartTimes.addAll(inWindowTimes);
        int inWindow = restartTimes.size();
        String previousTaskId = previousTask != null && previousTask.equals(previousStream) ? null : previousTask;
        return new RestartEvent(e.first().service() != null ? e.first().service() : service, cluster, kind, e.timestamp(),
                e.first().taskId(), e.first().container(), e.logStream(), previousTaskId, previousStream,
                List.copyOf(evidence), worst, inWindow, inWindow >= CrashLoop.DEFAULT_THRESHOLD);
    }
}
