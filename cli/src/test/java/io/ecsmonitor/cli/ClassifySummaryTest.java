package io.ecsmonitor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecsmonitor.classifier.ErrorClassifier;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class ClassifySummaryTest {

    @Test
    void shouldGroupDigitsAsTheFormatterDoes() {
        for (long n : new long[] {0, 7, 999, 1000, 12_345, 999_999, 1_000_000, 1_234_567_890L, Long.MAX_VALUE, -1, -1234}) {
            assertThat(ClassifySummary.grouped(n)).isEqualTo(String.format(Locale.ROOT, "%,d", n));
        }
    }

    @Test
    void shouldRoundPercentagesAsTheFormatterDoes() {
        for (int errors = 1; errors <= 300; errors++) {
            for (int n = 0; n <= errors; n++) {
                double x = 100.0 * n / errors;
                assertThat(ClassifySummary.oneDecimal(x)).as("%d of %d", n, errors).isEqualTo(String.format(Locale.ROOT, "%.1f", x));
            }
        }
        for (double x : new double[] {0.05, 0.15, 0.25, 99.95, 99.94999, 12.345, 1e-7}) {
            assertThat(ClassifySummary.oneDecimal(x)).isEqualTo(String.format(Locale.ROOT, "%.1f", x));
        }
    }

    @Test
    void shouldPrintWhatTheFormatterPrintsInEveryLocaleItWritesItself() {
        ErrorClassifier classifier = new ErrorClassifier();
        ClassifySummary summary = new ClassifySummary(5);
        List<String> messages = List.of("java.lang.OutOfMemoryError: Java heap space", "connection refused",
                "panic: boom", "GET /health 200", "all good", "ERROR failed to start", "Read timed out");
        for (int i = 0; i < 12_345; i++) {
            String m = messages.get(i % messages.size()) + (i % 3 == 0 ? " id=" + i : "");
            summary.add(m, classifier.classifyErrors(m), i + 1);
        }
        summary.rejected();
        Locale original = Locale.getDefault(Locale.Category.FORMAT);
        try {
            for (Locale l : ClassifySummary.ENGLISH_NUMBERS) {
                Locale.setDefault(Locale.Category.FORMAT, l);
                StringWriter mine = new StringWriter();
                summary.print(new PrintWriter(mine));
                StringWriter formatter = new StringWriter();
                summary.printWithFormatter(new PrintWriter(formatter, true));

                assertThat(mine.toString()).as(l.toString()).isEqualTo(formatter.toString()).contains("events      12,345");
            }
        } finally {
            Locale.setDefault(Locale.Category.FORMAT, original);
        }
    }
}
