package io.ecsmonitor.classifier.streams;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecsmonitor.classifier.ClassifierConfig;
import io.ecsmonitor.classifier.ErrorClassifier;
import io.ecsmonitor.classifier.SharedData;
import io.ecsmonitor.classifier.Verdict;
import io.ecsmonitor.classifier.stitch.StitchConfig;
import io.ecsmonitor.classifier.stitch.Stitcher;
import io.ecsmonitor.core.model.Category;
import io.ecsmonitor.core.model.LogEvent;
import io.ecsmonitor.core.serde.JsonSerde;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Log traffic drawn from the dev corpus ({@code shared/corpus/dev.jsonl}) for a few services and tasks, with
 * multi-line messages split into one event per line as CloudWatch stores them, plus health checks and access
 * lines; and the totals the classifier must reach for it, computed with the engine alone.
 */
final class CorpusTraffic {

    /** What one service must show in the end. */
    record Totals(long events, long errors, long noise, Map<Category, Long> categories) {
    }

    final List<LogEvent> events = new ArrayList<>();
    final long firstTimestamp;
    final long lastTimestamp;

    CorpusTraffic(int count, long start, long stepMs, long seed) {
        List<String> corpus = corpus();
        corpus.add("10.0.0.1 - - [22/Nov/2026:01:00:00 +0000] \"GET /health HTTP/1.1\" 200 2 \"-\" \"ELB-HealthChecker/2.0\"");
        corpus.add("10.0.0.1 - - [22/Nov/2026:01:00:00 +0000] \"GET /health HTTP/1.1\" 503 2 \"-\" \"ELB-HealthChecker/2.0\"");
        corpus.add("10.0.0.2 - - [22/Nov/2026:01:00:01 +0000] \"GET /api/orders HTTP/1.1\" 200 512 \"-\" \"curl/8.0\"");
        corpus.add("10.0.0.2 - - [22/Nov/2026:01:00:01 +0000] \"POST /api/orders HTTP/1.1\" 502 12 \"-\" \"curl/8.0\"");
        corpus.add("INFO order 42 placed");
        String[] services = {"api", "orders", "billing", "search", "auth", "worker"};
        Random random = new Random(seed);
        long ts = start;
        while (events.size() < count) {
            String service = services[random.nextInt(services.length)];
            String task = "task" + random.nextInt(3) + "-" + service;
            String message = corpus.get(random.nextInt(corpus.size()));
            for (String line : message.split("\n", -1)) {
                if (events.size() == count) {
                    break;
                }
                events.add(new LogEvent(service, "prod", "/ecs/" + service, "ecs/" + service + "/" + task, task,
                        service, "e" + events.size(), ts, ts, line, "it"));
                ts += stepMs;
            }
        }
        firstTimestamp = start;
        lastTimestamp = ts - stepMs;
    }

    /** Per service, what the topology must count with {@code stitch} and the default health paths. */
    Map<String, Totals> expected(StitchConfig stitch) {
        ErrorClassifier classifier = new ErrorClassifier(ClassifierConfig.DEFAULT);
        Map<String, long[]> counts = new HashMap<>();
        Map<String, Map<Category, Long>> categories = new HashMap<>();
        Stitcher<String> stitcher = new Stitcher<>(stitch, s -> {
            Verdict v = classifier.classifyErrors(s.message());
            long[] c = counts.computeIfAbsent(s.attachment(), k -> new long[3]);
            c[0]++;
            if (v.noise()) {
                c[2]++;
            } else if (v.category() != null) {
                c[1]++;
                categories.computeIfAbsent(s.attachment(), k -> new EnumMap<>(Category.class))
                        .merge(v.category(), 1L, Long::sum);
            }
        });
        for (LogEvent e : events) {
            stitcher.accept(e.streamKey(), e.timestamp(), e.message(), e.service());
        }
        stitcher.flushAll();
        Map<String, Totals> totals = new LinkedHashMap<>();
        counts.forEach((service, c) -> totals.put(service,
                new Totals(c[0], c[1], c[2], categories.getOrDefault(service, Map.of()))));
        return totals;
    }

    private static List<String> corpus() {
        List<String> messages = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(SharedData.dir().resolve("corpus/dev.jsonl"), StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    JsonNode node = JsonSerde.MAPPER.readTree(line);
                    messages.add(node.get("message").asText());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return messages;
    }
}
