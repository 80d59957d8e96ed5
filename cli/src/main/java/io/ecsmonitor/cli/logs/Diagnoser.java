package io.ecsmonitor.cli.logs;

import io.ecsmonitor.classifier.restart.CrashLoop;
import io.ecsmonitor.cli.logs.ServiceDiagnosis.FingerprintSummary;
import io.ecsmonitor.cli.logs.ServiceDiagnosis.Status;
import io.ecsmonitor.core.model.Category;
import io.ecsmonitor.core.model.RestartEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Turns a service's analysed events and restarts into a {@link ServiceDiagnosis} with a verdict:
 * <ul>
 * <li>CRITICAL: a crash loop, or any {@code oom}, {@code panic} or {@code fatal} error;</li>
 * <li>WARNING: a restart with errors before it, {@code timeout} or {@code connection_error} errors
 * (a dependency failing), 5xx responses for at least {@value #WARN_PERCENT}% of the requests, or
 * errors in at least {@value #WARN_PERCENT}% of the events;</li>
 * <li>OK otherwise, with what there was (a few errors, task starts with no error before them).</li>
 * </ul>
 */
public final class Diagnoser {

    /** Share of requests (5xx) or of events (errors) from which a service is a WARNING. */
    public static final int WARN_PERCENT = 5;
    /** Fingerprints kept per service. */
    public static final int TOP_FINGERPRINTS = 5;
    private static final int SAMPLE_CHARS = 200;

    private Diagnoser() {
    }

    /**
     * The diagnosis of one service.
     *
     * @param rawEvents    CloudWatch events read
     * @param analyzed     the stitched, classified events
     * @param restarts     the restarts found
     * @param restartLimit restarts kept in the diagnosis (the newest)
     */
    public static ServiceDiagnosis diagnose(String service, String cluster, String logGroup, long rawEvents,
                                            List<AnalyzedEvent> analyzed, List<RestartEvent> restarts, int restartLimit) {
        long noise = 0;
        long errors = 0;
        long requests = 0;
        EnumMap<Category, Long> byCategory = new EnumMap<>(Category.class);
        Map<Integer, Long> statuses = new TreeMap<>();
        Map<String, long[]> groups = new HashMap<>(); // count, firstSeen, lastSeen
        Map<String, AnalyzedEvent> firstOfGroup = new HashMap<>();
        for (AnalyzedEvent e : analyzed) {
            if (e.noise()) {
                noise++;
                continue;
            }
            if (e.httpStatus() > 0) {
                requests++;
                statuses.merge(e.httpStatus(), 1L, Long::sum);
            }
            if (!e.isError()) {
                continue;
            }
            errors++;
            byCategory.merge(e.category(), 1L, Long::sum);
            long[] g = groups.computeIfAbsent(e.fingerprint(), k -> new long[] {0, e.timestamp(), e.timestamp()});
            g[0]++;
            g[2] = e.timestamp();
            firstOfGroup.putIfAbsent(e.fingerprint(), e);
        }
        List<FingerprintSummary> top = groups.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, long[]> en) -> -en.getValue()[0])
                        .thenComparing(Map.Entry::getKey))
                .limit(TOP_FINGERPRINTS)
                .map(en -> {
                    AnalyzedEvent first = firstOfGroup.get(en.getKey());
                    return new FingerprintSummary(en.getKey(), first.category(), en.getValue()[0], first.sample(SAMPLE_CHARS),
                            en.getValue()[1], en.getValue()[2]);
                })
                .toList();
        Map<String, Long> httpStatus = new LinkedHashMap<>();
        statuses.forEach((k, v) -> httpStatus.put(Integer.toString(k), v));
        boolean crashLoop = restarts.stream().anyMatch(RestartEvent::crashLoop);
        List<RestartEvent> kept = restarts.size() <= restartLimit ? restarts
                : restarts.subList(restarts.size() - restartLimit, restarts.size());

        long nonNoise = analyzed.size() - noise;
        long http5xx = statuses.entrySet().stream().filter(en -> en.getKey() >= 500).mapToLong(Map.Entry::getValue).sum();
        Status status = Status.OK;
        List<String> reasons = new ArrayList<>();
        if (crashLoop) {
            status = Status.CRITICAL;
            RestartEvent worst = restarts.stream().filter(RestartEvent::crashLoop)
                    .max(Comparator.comparingInt(RestartEvent::restartsInWindow)).orElseThrow();
            reasons.add("crash loop: " + worst.restartsInWindow() + " restarts within " + CrashLoop.DEFAULT_WINDOW_MINUTES
                    + " min" + (worst.lastErrorCategory() == null ? "" : " (last error before them: " + worst.lastErrorCategory() + ")"));
        }
        long crashErrors = count(byCategory, Category.OOM) + count(byCategory, Category.PANIC) + count(byCategory, Category.FATAL);
        if (crashErrors > 0) {
            status = Status.CRITICAL;
            reasons.add(describe(byCategory, Category.OOM, Category.PANIC, Category.FATAL));
        }
        long restartsAfterErrors = restarts.stream().filter(r -> !r.lastErrors().isEmpty()).count();
        long quietStarts = restarts.size() - restartsAfterErrors;
        if (!crashLoop && restartsAfterErrors > 0) {
            status = worse(status, Status.WARNING);
            reasons.add(Plural.of(restartsAfterErrors, "restart") + " after errors");
        }
        long dependency = count(byCategory, Category.TIMEOUT) + count(byCategory, Category.CONNECTION_ERROR);
        if (dependency > 0) {
            status = worse(status, Status.WARNING);
            reasons.add(describe(byCategory, Category.TIMEOUT, Category.CONNECTION_ERROR));
        }
        if (http5xx > 0 && http5xx * 100 >= WARN_PERCENT * requests) {
            status = worse(status, Status.WARNING);
            reasons.add(String.format(java.util.Locale.ROOT, "%s (%.1f%% of %s)", Plural.of(http5xx, "5xx response"),
                    100.0 * http5xx / requests, Plural.of(requests, "request")));
        }
        if (errors > 0 && errors * 100 >= WARN_PERCENT * Math.max(1, nonNoise) && reasons.isEmpty()) {
            status = worse(status, Status.WARNING);
            reasons.add(String.format(java.util.Locale.ROOT, "errors in %.1f%% of the events", 100.0 * errors / Math.max(1, nonNoise)));
        }
        String verdict;
        if (!reasons.isEmpty()) {
            verdict = String.join("; ", reasons);
        } else if (rawEvents == 0) {
            verdict = "no log events in the window";
        } else if (errors == 0) {
            verdict = "no errors";
        } else {
            verdict = Plural.of(errors, "error") + " in " + Plural.of(nonNoise, "event") + ", none of them crash-tier";
        }
        if (quietStarts > 0) {
            verdict += "; " + Plural.of(quietStarts, "task start") + " with no error before (deployment or scaling)";
        }
        return new ServiceDiagnosis(service, cluster, logGroup, status, verdict, null, rawEvents, analyzed.size(), errors,
                noise, byCategory, httpStatus, top, List.copyOf(kept), restarts.size(), crashLoop);
    }

    private static long count(Map<Category, Long> byCategory, Category c) {
        return byCategory.getOrDefault(c, 0L);
    }

    private static String describe(Map<Category, Long> byCategory, Category... cs) {
        return java.util.Arrays.stream(cs).filter(c -> count(byCategory, c) > 0)
                .map(c -> count(byCategory, c) + " " + c.wireName()).collect(Collectors.joining(", "))
                + (java.util.Arrays.stream(cs).mapToLong(c -> count(byCategory, c)).sum() == 1 ? " error" : " errors");
    }

    private static Status worse(Status a, Status b) {
        return a.ordinal() >= b.ordinal() ? a : b;
    }
}
