package io.ecsmonitor.alerts.sink;

import io.ecsmonitor.core.model.Alert;
import io.ecsmonitor.core.model.Diagnosis;
import io.ecsmonitor.core.model.Diagnosis.Cause;
import io.ecsmonitor.core.model.Diagnosis.Link;
import io.ecsmonitor.core.model.Diagnosis.WindowCounts;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/** The words of an alert for people: a subject line and a plain-text body (SNS e-mail, logs). */
public final class AlertText {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    /** SNS accepts ASCII subjects of fewer than 100 characters. */
    static final int SUBJECT_MAX = 99;

    private AlertText() {
    }

    /**
     * The alert in one line for people: the diagnosis's summary, or for an escalation with a new cause, that
     * cause first ({@code checkout: OOM crash loop — 3 restarts in 7 min after OutOfMemoryError (new; also tasks
     * OOM-killed)}), so what got worse is what is read.
     */
    public static String line(Alert a) {
        Diagnosis d = a.diagnosis();
        Cause fresh = newCause(a);
        if (fresh == null) {
            return d.summary();
        }
        String also = fresh.title().equals(d.headline()) ? "" : "; also " + d.headline();
        return a.service() + ": " + fresh.title() + " — " + fresh.detail() + " (new" + also + ")";
    }

    /** The most probable of the causes the alert notifies for the first time, for an escalation; null otherwise. */
    static Cause newCause(Alert a) {
        if (a.kind() != Alert.Kind.ESCALATED || a.newCauses() == null || a.newCauses().isEmpty() || a.diagnosis() == null) {
            return null;
        }
        for (Cause c : a.diagnosis().causes()) {
            if (a.newCauses().contains(c.code())) {
                return c;
            }
        }
        return null;
    }

    /** {@code RESOLVED} for a resolution, the status otherwise: the bracketed label of every text. */
    static String label(Alert a) {
        return a.kind() == Alert.Kind.RESOLVED ? "RESOLVED" : a.status().name();
    }

    /** Lines of a digest shown before "… and N more". */
    static final int DIGEST_LINES = 20;

    /** {@code [STORM] 12 alerts in 60 s: api, checkout, ...}; ASCII, fewer than 100 characters. */
    public static String digestSubject(java.util.List<Alert> alerts, java.time.Duration window) {
        java.util.LinkedHashSet<String> services = new java.util.LinkedHashSet<>();
        alerts.forEach(a -> services.add(a.service()));
        String s = ascii("[STORM] " + alerts.size() + " alerts in " + window.toSeconds() + " s: " + String.join(", ", services));
        return s.length() <= SUBJECT_MAX ? s : s.substring(0, SUBJECT_MAX - 3) + "...";
    }

    /** {@code 12 alerts in 60 s (9 CRITICAL, 2 WARNING, 1 RESOLVED) from 7 services}. */
    public static String digestHeadline(java.util.List<Alert> alerts, java.time.Duration window) {
        java.util.Map<String, Integer> byLabel = new java.util.LinkedHashMap<>();
        for (String label : java.util.List.of("CRITICAL", "WARNING", "RESOLVED")) {
            byLabel.put(label, 0);
        }
        java.util.Set<String> services = new java.util.HashSet<>();
        for (Alert a : alerts) {
            byLabel.merge(label(a), 1, Integer::sum);
            services.add(a.service());
        }
        StringBuilder counts = new StringBuilder();
        byLabel.forEach((label, n) -> {
            if (n > 0) {
                counts.append(counts.length() == 0 ? "" : ", ").append(n).append(' ').append(label);
            }
        });
        return alerts.size() + " alerts in " + window.toSeconds() + " s (" + counts + ") from " + services.size()
                + (services.size() == 1 ? " service" : " services");
    }

    /** What a digest is, after its headline: {@code alert storm, one message instead of 14. Each alert keeps …}. */
    public static String digestNote(java.util.List<Alert> alerts) {
        return "alert storm, one message instead of " + alerts.size()
                + ". Each alert keeps its own diagnosis on ecs-monitor.alerts and in the alert files.";
    }

    /** One line per alert, {@code [CRITICAL] opened  api: …}, the first {@link #DIGEST_LINES}, then how many more. */
    public static java.util.List<String> digestLines(java.util.List<Alert> alerts) {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (Alert a : alerts.subList(0, Math.min(DIGEST_LINES, alerts.size()))) {
            out.add("[" + label(a) + "] " + kindWords(a.kind()) + ": "
                    + (a.kind() == Alert.Kind.RESOLVED ? a.service() + ": recovered" : line(a)));
        }
        if (alerts.size() > DIGEST_LINES) {
            out.add("... and " + (alerts.size() - DIGEST_LINES) + " more (every alert is in the alert files and on ecs-monitor.alerts)");
        }
        return out;
    }

    /** {@code [CRITICAL] api: OOM crash loop}, {@code [RESOLVED] api: healthy}; ASCII, fewer than 100 characters. */
    public static String subject(Alert a) {
        String label = label(a);
        Cause fresh = newCause(a);
        String headline = a.kind() == Alert.Kind.RESOLVED ? "recovered" : fresh != null ? fresh.title() : a.diagnosis().headline();
        String s = ascii("[" + label + "] " + a.service() + ": " + headline);
        return s.length() <= SUBJECT_MAX ? s : s.substring(0, SUBJECT_MAX - 3) + "...";
    }

    /** A readable body: what, since when, why (evidence), what to do, where to look. */
    public static String body(Alert a) {
        Diagnosis d = a.diagnosis();
        StringBuilder sb = new StringBuilder();
        String line = line(a);
        sb.append(line).append("\n\n");
        if (!line.equals(d.summary())) {
            sb.append("Now: ").append(d.summary()).append("\n\n");
        }
        sb.append("Status:   ").append(a.status()).append(" (was ").append(a.previousStatus()).append("), ")
                .append(kindWords(a.kind())).append('\n');
        sb.append("Incident: ").append(a.incidentId()).append(", alert #").append(a.notification()).append('\n');
        sb.append("Since:    ").append(TIME.format(Instant.ofEpochMilli(a.firstSeen())))
                .append(", last seen ").append(TIME.format(Instant.ofEpochMilli(a.lastSeen()))).append('\n');
        if (d.cluster() != null) {
            sb.append("Cluster:  ").append(d.cluster()).append('\n');
        }
        if (!d.causes().isEmpty()) {
            sb.append("\nProbable causes, most probable first:\n");
            int i = 1;
            for (Cause c : d.causes()) {
                sb.append(i++).append(". [").append(c.status()).append("] ").append(c.title()).append(": ").append(c.detail()).append('\n');
                int shown = 0;
                for (String e : c.evidence()) {
                    if (shown++ == 3) {
                        sb.append("   - ... ").append(c.evidence().size() - 3).append(" more\n");
                        break;
                    }
                    sb.append("   - ").append(e).append('\n');
                }
            }
        }
        if (d.deployment() != null) {
            sb.append("\nDeployment: ").append(d.deployment().deploymentId()).append(" (").append(d.deployment().taskDefinition())
                    .append(") started ").append(TIME.format(Instant.ofEpochMilli(d.deployment().startedAt())))
                    .append("; trouble from ").append(TIME.format(Instant.ofEpochMilli(d.deployment().troubleStartedAt())))
                    .append('\n');
        }
        if (!d.nextSteps().isEmpty()) {
            sb.append("\nQuick troubleshooting:\n");
            int i = 1;
            for (String step : d.nextSteps()) {
                sb.append(i++).append(". ").append(step).append('\n');
            }
        }
        if (d.counts() != null && !d.counts().isEmpty()) {
            sb.append("\nCounts:\n");
            for (WindowCounts c : d.counts()) {
                sb.append("  last ").append(c.minutes()).append(" min: ").append(c.errors()).append(" errors of ").append(c.events())
                        .append(" events").append(categories(c.categories()));
                if (c.requests() > 0) {
                    sb.append(", ").append(c.http5xx()).append('/').append(c.requests()).append(" requests 5xx");
                }
                sb.append(", ").append(c.restarts()).append(" restarts\n");
            }
        }
        if (!d.links().isEmpty()) {
            sb.append("\nLinks:\n");
            for (Link l : d.links()) {
                sb.append("  ").append(l.label()).append(": ").append(l.url()).append('\n');
            }
        }
        return sb.toString();
    }

    static String kindWords(Alert.Kind kind) {
        return switch (kind) {
            case OPENED -> "new incident";
            case ESCALATED -> "escalated";
            case DEESCALATED -> "de-escalated";
            case RENOTIFIED -> "still ongoing";
            case RESOLVED -> "resolved";
        };
    }

    private static String categories(Map<?, Long> categories) {
        if (categories == null || categories.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder(" (");
        categories.forEach((k, v) -> sb.append(sb.length() > 2 ? ", " : "").append(k).append(' ').append(v));
        return sb.append(')').toString();
    }

    static String ascii(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '—' || c == '–') {
                out.append('-');
            } else if (c == '×') {
                out.append('x');
            } else if (c >= 0x20 && c < 0x7f) {
                out.append(c);
            } else if (Character.isWhitespace(c)) {
                out.append(' ');
            }
        }
        return out.toString();
    }
}
