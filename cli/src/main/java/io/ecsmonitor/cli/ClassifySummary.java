package io.ecsmonitor.cli;

import io.ecsmonitor.classifier.Verdict;
import io.ecsmonitor.classifier.redact.Redactor;
import io.ecsmonitor.core.model.Category;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Counts for the person-readable summary of {@code classify}: per category, noise, top fingerprints. */
final class ClassifySummary {

    private static final int SAMPLE_CHARS = 200;

    private static final class Group {
        final String fingerprint;
        final Category category;
        String sample;
        long sampleLine;
        long count;

        Group(String fingerprint, Category category, String sample, long sampleLine) {
            this.fingerprint = fingerprint;
            this.category = category;
            this.sample = sample;
            this.sampleLine = sampleLine;
        }
    }

    private final int top;
    private final long[] byCategory = new long[Category.values().length];
    private final Map<String, Group> groups = new HashMap<>();
    private long events;
    private long noise;
    private long rejected;

    ClassifySummary(int top) {
        this.top = top;
    }

    /** Counts one event; {@code line} orders samples so that the first occurrence is shown. */
    void add(String message, Verdict v, long line) {
        events++;
        if (v.noise()) {
            noise++;
            return;
        }
        Category c = v.category();
        if (c == null) {
            return;
        }
        byCategory[c.ordinal()]++;
        Group g = groups.get(v.fingerprint());
        if (g == null) {
            g = new Group(v.fingerprint(), c, sample(message), line);
            groups.put(v.fingerprint(), g);
        }
        g.count++;
    }

    void rejected() {
        rejected++;
    }

    long rejectedCount() {
        return rejected;
    }

    /** Adds another summary's counts (from another worker) to this one. */
    void merge(ClassifySummary other) {
        events += other.events;
        noise += other.noise;
        rejected += other.rejected;
        for (int i = 0; i < byCategory.length; i++) {
            byCategory[i] += other.byCategory[i];
        }
        for (Group g : other.groups.values()) {
            Group mine = groups.get(g.fingerprint);
            if (mine == null) {
                groups.put(g.fingerprint, g);
            } else {
                mine.count += g.count;
                if (g.sampleLine < mine.sampleLine) {
                    mine.sample = g.sample;
                    mine.sampleLine = g.sampleLine;
                }
            }
        }
    }

    /** Rewrites the line numbers that order the samples, e.g. from a position in a chunk to a line in the input. */
    void mapSampleLines(java.util.function.LongUnaryOperator toLine) {
        for (Group g : groups.values()) {
            g.sampleLine = toLine.applyAsLong(g.sampleLine);
        }
    }

    long errors() {
        long n = 0;
        for (long c : byCategory) {
            n += c;
        }
        return n;
    }

    private static String sample(String message) {
        String oneLine = message.length() > SAMPLE_CHARS * 4 ? message.substring(0, SAMPLE_CHARS * 4) : message;
        oneLine = Redactor.redact(oneLine).replace('\n', '⏎').replace('\t', ' ');
        return oneLine.length() > SAMPLE_CHARS ? oneLine.substring(0, SAMPLE_CHARS) + "…" : oneLine;
    }

    void print(PrintWriter out) {
        out.printf("events      %,d%n", events);
        out.printf("errors      %,d%n", errors());
        out.printf("noise       %,d%n", noise);
        out.printf("rejected    %,d%n", rejected);
        out.println();
        out.println("by category");
        boolean any = false;
        for (Category c : Category.values()) {
            long n = byCategory[c.ordinal()];
            if (n > 0) {
                any = true;
                out.printf("  %-18s %,10d  %5.1f%%%n", c.wireName(), n, 100.0 * n / Math.max(1, errors()));
            }
        }
        if (!any) {
            out.println("  (no errors)");
        }
        if (top > 0 && !groups.isEmpty()) {
            out.println();
            out.printf("top fingerprints (%d of %d)%n", Math.min(top, groups.size()), groups.size());
            List<Group> sorted = new ArrayList<>(groups.values());
            sorted.sort(Comparator.comparingLong((Group g) -> -g.count).thenComparing(g -> g.fingerprint));
            for (Group g : sorted.subList(0, Math.min(top, sorted.size()))) {
                out.printf("  %s %,8d  %-16s %s%n", g.fingerprint, g.count, g.category.wireName(), g.sample);
            }
        }
    }
}
