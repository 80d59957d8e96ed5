package io.ecsmonitor.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecsmonitor.core.model.Category;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Runs the labelled dev corpus ({@code shared/corpus/dev.jsonl}) through the engine: at least 97%
 * exact verdicts (category and noise), at most 1% false positives on lines that report no error.
 * Prints the confusion pairs so a regression says what it broke.
 */
class CorpusAccuracyTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    record Labelled(int line, String message, Category category, boolean noise, String note) {
    }

    static List<Labelled> corpus() throws IOException {
        Path file = SharedData.dir().resolve("corpus/dev.jsonl");
        List<Labelled> out = new ArrayList<>();
        int n = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            n++;
            if (line.isBlank()) {
                continue;
            }
            JsonNode node = JSON.readTree(line);
            JsonNode cat = node.get("category");
            Category category = cat == null || cat.isNull() ? null
                    : Category.fromWireName(cat.asText()).orElseThrow(() -> new IllegalStateException("unknown category " + cat));
            out.add(new Labelled(n, node.get("message").asText(), category, node.path("noise").asBoolean(false),
                    node.path("note").asText("")));
        }
        return out;
    }

    @Test
    void shouldClassifyTheDevCorpusWithAtLeast97PercentAccuracyAndAtMost1PercentFalsePositives() throws IOException {
        ErrorClassifier classifier = new ErrorClassifier();
        List<Labelled> corpus = corpus();
        int correct = 0;
        int nonError = 0;
        int falsePositives = 0;
        Map<String, Integer> confusion = new TreeMap<>();
        StringBuilder misses = new StringBuilder();
        for (Labelled l : corpus) {
            Verdict v = classifier.classify(l.message());
            boolean ok = v.category() == l.category() && v.noise() == l.noise();
            if (ok) {
                correct++;
            } else {
                String pair = label(l.category(), l.noise()) + " -> " + label(v.category(), v.noise());
                confusion.merge(pair, 1, Integer::sum);
                misses.append(String.format("  line %d: %s | %s%n", l.line(), pair,
                        l.message().replace("\n", "⏎").substring(0, Math.min(160, l.message().length()))));
            }
            if (l.category() == null) {
                nonError++;
                if (v.category() != null) {
                    falsePositives++;
                }
            }
        }
        double accuracy = (double) correct / corpus.size();
        double fpRate = nonError == 0 ? 0 : (double) falsePositives / nonError;
        System.out.printf("dev corpus: %d events, accuracy %.2f%% (%d/%d), false positives %.2f%% (%d/%d non-error)%n",
                corpus.size(), 100 * accuracy, correct, corpus.size(), 100 * fpRate, falsePositives, nonError);
        confusion.forEach((pair, count) -> System.out.printf("  confusion %-40s %d%n", pair, count));
        System.out.print(misses);

        assertThat(corpus).hasSizeGreaterThan(200);
        assertThat(accuracy).as("exact-category accuracy; confusion: %s%n%s", confusion, misses).isGreaterThanOrEqualTo(0.97);
        assertThat(fpRate).as("false positives on non-error lines; confusion: %s", confusion).isLessThanOrEqualTo(0.01);
    }

    private static String label(Category c, boolean noise) {
        return noise ? "noise" : c == null ? "null" : c.wireName();
    }
}
