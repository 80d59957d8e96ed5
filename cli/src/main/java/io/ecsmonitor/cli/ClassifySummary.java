package io.ecsmonitor.cli;

import io.ecsmonitor.classifier.Verdict;
import io.ecsmonitor.classifier.redact.Redactor;
import io.ecsmonitor.core.model.Category;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Counts for the person-readable summary of {@code classify}: per category, noise, top fingerprints. */
final class ClassifySummary {

    private static final int SAMPLE_CHARS = 200;
    /**
     * Format locales whose numbers {@link java.util.Formatter} writes with ASCII digits, ',' between
     * groups of three and '.' before decimals. The summary writes those itself: the formatter and
     * its locale data take tens of milliseconds to load, a good part of a short run.
     */
    static final Set<Locale> ENGLISH_NUMBERS = Set.of(Locale.ROOT, Locale.ENGLISH, Locale.US, Locale.UK, Locale.CANADA);

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

    /** The biggest group first, then by fingerprint (a class, not a lambda: nothing to spin at start-up). */
    private static final class MostFirst implements Comparator<Group> {
        @Override
        public int compare(Group a, Group b) {
            int c = Long.compare(b.count, a.count);
            return c != 0 ? c : a.fingerprint.compareTo(b.fingerprint);
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
        if (!ENGLISH_NUMBERS.contains(Locale.getDefault(Locale.Category.FORMAT))) {
            printWithFormatter(out);
            return;
        }
        String nl = System.lineSeparator();
        out.print("events      " + grouped(events) + nl);
        out.print("errors      " + grouped(errors()) + nl);
        out.print("noise       " + grouped(noise) + nl);
        out.print("rejected    " + grouped(rejected) + nl);
        out.println();
        out.println("by category");
        boolean any = false;
        for (Category c : Category.values()) {
            long n = byCategory[c.ordinal()];
            if (n > 0) {
                any = true;
                out.print("  " + padRight(c.wireName(), 18) + " " + padLeft(grouped(n), 10) + "  "
                        + padLeft(oneDecimal(100.0 * n / Math.max(1, errors())), 5) + "%" + nl);
            }
        }
        if (!any) {
            out.println("  (no errors)");
        }
        if (top > 0 && !groups.isEmpty()) {
            out.println();
            out.print("top fingerprints (" + Math.min(top, groups.size()) + " of " + groups.size() + ")" + nl);
            for (Group g : topGroups()) {
                out.print("  " + g.fingerprint + " " + padLeft(grouped(g.count), 8) + "  " + padRight(g.category.wireName(), 16)
                        + " " + g.sample + nl);
            }
        }
        out.flush();
    }

    private List<Group> topGroups() {
        List<Group> sorted = new ArrayList<>(groups.values());
        sorted.sort(new MostFirst());
        return sorted.subList(0, Math.min(top, sorted.size()));
    }

    /**
     * The same text through {@link java.util.Formatter}, for format locales whose digits and
     * separators are not those of {@link #ENGLISH_NUMBERS}.
     */
    void printWithFormatter(PrintWriter out) {
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
            for (Group g : topGroups()) {
                out.printf("  %s %,8d  %-16s %s%n", g.fingerprint, g.count, g.category.wireName(), g.sample);
            }
        }
    }

    /** {@code %,d} in {@link #ENGLISH_NUMBERS}: groups of three digits separated by commas. */
    static String grouped(long n) {
        String digits = Long.toString(Math.abs(n));
        StringBuilder b = new StringBuilder(digits.length() + digits.length() / 3 + 1);
        if (n < 0) {
            b.append('-');
        }
        int first = digits.length() % 3 == 0 ? 3 : digits.length() % 3;
        b.append(digits, 0, first);
        for (int i = first; i < digits.length(); i += 3) {
            b.append(',').append(digits, i, i + 3);
        }
        return b.toString();
    }

    /** {@code %.1f} in {@link #ENGLISH_NUMBERS}: the shortest decimal form of {@code x}, rounded half up. */
    static String oneDecimal(double x) {
        return new BigDecimal(Double.toString(x)).setScale(1, RoundingMode.HALF_UP).toPlainString();
    }

    private static String padLeft(String s, int width) {
        return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
    }

    private static String padRight(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
