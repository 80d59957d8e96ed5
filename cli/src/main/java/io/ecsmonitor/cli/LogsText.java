package io.ecsmonitor.cli;

import io.ecsmonitor.cli.logs.AnalyzedEvent;
import io.ecsmonitor.cli.logs.LogsSession.Window;
import io.ecsmonitor.cli.logs.Plural;
import io.ecsmonitor.cli.logs.ServiceDiagnosis;
import io.ecsmonitor.cli.logs.ServiceDiagnosis.FingerprintSummary;
import io.ecsmonitor.classifier.redact.Redactor;
import io.ecsmonitor.classifier.restart.CrashLoop;
import io.ecsmonitor.core.config.EcsEnvironment;
import io.ecsmonitor.core.model.Category;
import io.ecsmonitor.core.model.LogEvent;
import io.ecsmonitor.core.model.RestartEvent;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The text output of the {@code logs} commands, for a person. */
final class LogsText {

    private static final int SAMPLE_CHARS = 160;
    private static final int TRACE_LINES = 8;

    private LogsText() {
    }

    static String time(long ms) {
        return Instant.ofEpochMilli(ms).truncatedTo(ChronoUnit.MILLIS).toString();
    }

    private static String seconds(long ms) {
        return Instant.ofEpochMilli(ms).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** {@code pull}: time, stream, message as written (multi-line messages indented). */
    static void rawEvent(PrintWriter out, LogEvent e) {
        out.println(time(e.timestamp()) + " " + e.logStream() + " " + e.message().replace("\n", "\n    "));
    }

    /** {@code errors}: time, category, stream, the redacted message (a trace cut unless verbose). */
    static void errorEvent(PrintWriter out, AnalyzedEvent e, boolean verbose) {
        String[] lines = Redactor.redact(e.message()).split("\n", -1);
        out.printf(Locale.ROOT, "%s %-16s %s %s%n", time(e.timestamp()), e.category().wireName(), e.logStream(), lines[0]);
        int shown = verbose ? lines.length : Math.min(lines.length, TRACE_LINES);
        for (int i = 1; i < shown; i++) {
            out.println("    " + lines[i]);
        }
        if (shown < lines.length) {
            out.println("    … " + (lines.length - shown) + " more lines (--verbose prints them)");
        }
    }

    static void diagnoseHeader(PrintWriter out, EcsEnvironment env, Window w, int services) {
        out.printf(Locale.ROOT, "logs diagnose: %s%s, last %d min (%s – %s), log groups %s%n",
                Plural.of(services, "service"), env.cluster().map(c -> " of cluster " + c).orElse(""),
                w.minutes(), seconds(w.startMs()), seconds(w.endMs()), env.logPattern().pattern());
    }

    /** {@code diagnose}: one block per service. */
    static void diagnosis(PrintWriter out, ServiceDiagnosis d, boolean verbose) {
        out.printf(Locale.ROOT, "%s  %s  %s%n", d.service(), d.status(), d.verdict());
        out.printf(Locale.ROOT, "  log group    %s%n", d.logGroup());
        if (d.problem() != null) {
            return;
        }
        out.printf(Locale.ROOT, "  events       %,d (%,d after stitching traces): %s, %,d health-check noise%n",
                d.events(), d.stitchedEvents(), Plural.of(d.errors(), "error"), d.noise());
        out.println("  by category  " + (d.categories().isEmpty() ? "(no errors)"
                : d.categories().entrySet().stream().map(e -> e.getKey().wireName() + " " + e.getValue())
                        .collect(Collectors.joining(", "))));
        out.println("  http status  " + (d.httpStatus().isEmpty() ? "(no access-log records)"
                : d.httpStatus().entrySet().stream().map(e -> e.getKey() + " " + String.format(Locale.ROOT, "%,d", e.getValue()))
                        .collect(Collectors.joining(", ")) + "   (noise excluded)"));
        if (!d.topFingerprints().isEmpty()) {
            out.println("  top fingerprints");
            for (FingerprintSummary f : d.topFingerprints()) {
                out.printf(Locale.ROOT, "    %s %6d  %-16s %s%n", f.fingerprint(), f.count(), f.category().wireName(),
                        cut(f.sample()));
            }
        }
        if (d.restartCount() > 0) {
            out.printf(Locale.ROOT, "  restarts     %d%s%s%n", d.restartCount(), d.crashLoop() ? " (crash loop)" : "",
                    d.restarts().size() < d.restartCount() ? ", the newest " + d.restarts().size() + " shown" : "");
            for (RestartEvent r : d.restarts()) {
                restart(out, r, "    ");
            }
        }
    }

    /** One restart with its evidence. */
    static void restart(PrintWriter out, RestartEvent r, String indent) {
        String what = r.kind() == RestartEvent.Kind.TASK_START
                ? "task start     " + shortId(r.taskId() != null ? r.taskId() : r.logStream())
                        + (r.previousTaskId() != null ? " after task " + shortId(r.previousTaskId())
                        : r.previousLogStream() != null ? " after stream " + r.previousLogStream() : "")
                : "container restart in task " + shortId(r.taskId() != null ? r.taskId() : r.logStream());
        out.printf(Locale.ROOT, "%s%s  %s%s%n", indent, seconds(r.timestamp()), what,
                r.crashLoop() ? "  [crash loop: " + r.restartsInWindow() + " in " + CrashLoop.DEFAULT_WINDOW_MINUTES + " min]" : "");
        if (r.lastErrors().isEmpty()) {
            out.println(indent + "    no error before it");
        } else {
            out.println(indent + "    last errors before it" + (r.lastErrorCategory() != null ? " (worst: " + r.lastErrorCategory() + ")" : "") + ":");
            for (String line : r.lastErrors()) {
                out.println(indent + "      " + cut(line));
            }
        }
    }

    /** {@code summary}: one line per service under a header. */
    static void summary(PrintWriter out, List<ServiceDiagnosis> results) {
        int width = Math.max(7, results.stream().mapToInt(d -> d.service().length()).max().orElse(7));
        String format = "%-" + width + "s  %-8s %9s %7s %6s %8s  %s%n";
        out.printf(Locale.ROOT, format, "SERVICE", "STATUS", "EVENTS", "ERRORS", "5XX", "RESTARTS", "VERDICT");
        for (ServiceDiagnosis d : results) {
            boolean read = d.problem() == null;
            out.printf(Locale.ROOT, format, d.service(), d.status(), read ? String.format(Locale.ROOT, "%,d", d.events()) : "-",
                    read ? String.format(Locale.ROOT, "%,d", d.errors()) : "-", read ? Long.toString(d.http5xx()) : "-",
                    read ? Integer.toString(d.restartCount()) : "-", d.verdict() + topCategory(d.categories()));
        }
    }

    private static String topCategory(Map<Category, Long> categories) {
        return categories.entrySet().stream().max(Map.Entry.comparingByValue())
                .map(e -> " [most: " + e.getKey().wireName() + " " + e.getValue() + "]").orElse("");
    }

    private static String shortId(String id) {
        return id.length() > 12 ? id.substring(0, 12) + "…" : id;
    }

    private static String cut(String s) {
        return s.length() > SAMPLE_CHARS ? s.substring(0, SAMPLE_CHARS) + "…" : s;
    }
}
