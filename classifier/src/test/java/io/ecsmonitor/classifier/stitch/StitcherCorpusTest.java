package io.ecsmonitor.classifier.stitch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecsmonitor.classifier.SharedData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * The 37 multi-line messages of {@code shared/corpus/dev.jsonl}, real traces copied from public issues,
 * split into one CloudWatch event per line and stitched back.
 */
class StitcherCorpusTest {

    /** Ordinary records of the kinds ECS services write; none may join a trace. */
    private static final List<String> ORDINARY = List.of(
            "2024-05-01T12:00:00.000Z INFO  [main] c.e.orders.OrderService - Processed order 41 in 12 ms",
            "{\"level\":\"info\",\"ts\":\"2024-05-01T12:00:01Z\",\"msg\":\"request served\",\"status\":200}",
            "10.0.1.12 - - [01/May/2024:12:00:05 +0000] \"GET /api/orders HTTP/1.1\" 200 512 \"-\" \"curl/8.4.0\"",
            "time=2024-05-01T12:00:06Z level=info msg=\"cache refreshed\" entries=120",
            "INFO:root:worker 3 started",
            "[2024-05-01 12:00:07,001] INFO in app: ready",
            "2024/05/01 12:00:08 listening on :8080",
            "I0501 12:00:09.123456       1 controller.go:120] synced");

    record CorpusTrace(int index, String message, boolean oneEvent, String why) {
        List<String> lines() {
            return Arrays.asList(message.split("\n", -1));
        }

        @Override
        public String toString() {
            return "#" + index + " " + lines().get(0);
        }
    }

    /**
     * The corpus's multi-line messages that are not one trace, so come back line by line, with why;
     * every other multi-line message must come back as one event.
     */
    private static final Map<String, String> RELEASED_LINE_BY_LINE = Map.of(
            "2018-11-16 21:02:04.567 ERROR 12420 --- [           main] o.s.b.d.LoggingFailureAnalysisReporter",
            "Spring Boot's failure report: a blank line, then free prose; no trace grammar says the prose belongs"
                    + " to the logger line",
            "npm ERR! code E503",
            "two npm records, each a log line with its own prefix; not a trace");

    static List<CorpusTrace> traces() {
        ObjectMapper json = new ObjectMapper();
        List<CorpusTrace> traces = new ArrayList<>();
        try {
            for (String row : Files.readAllLines(SharedData.dir().resolve("corpus/dev.jsonl"), StandardCharsets.UTF_8)) {
                if (row.isBlank()) {
                    continue;
                }
                String message = json.readTree(row).get("message").asText();
                if (message.indexOf('\n') < 0) {
                    continue;
                }
                String why = RELEASED_LINE_BY_LINE.entrySet().stream()
                        .filter(e -> message.startsWith(e.getKey())).map(Map.Entry::getValue).findFirst().orElse(null);
                traces.add(new CorpusTrace(traces.size() + 1, message, why == null, why));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return traces;
    }

    static Stream<Arguments> tracesWithNeighbours() {
        List<CorpusTrace> traces = traces();
        return IntStream.range(0, traces.size()).mapToObj(i -> Arguments.of(
                traces.get(i), traces.get((i + 1) % traces.size()),
                ORDINARY.get(i % ORDINARY.size()), ORDINARY.get((i + 3) % ORDINARY.size())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tracesWithNeighbours")
    void shouldStitchEachRealTraceBackToItsOriginalMessageWhileAnotherStreamInterleaves(
            CorpusTrace trace, CorpusTrace other, String before, String after) {
        RecordedEvents out = new RecordedEvents();
        Stitcher<String> stitcher = new Stitcher<>(StitchConfig.DEFAULTS, out);
        List<String> mine = withNeighbours(before, trace.lines(), after);
        List<String> theirs = withNeighbours(after, other.lines(), before);

        for (int i = 0; i < Math.max(mine.size(), theirs.size()); i++) {
            if (i < mine.size()) {
                stitcher.accept("a", 1_000 + i, mine.get(i));
            }
            if (i < theirs.size()) {
                stitcher.accept("b", 1_000 + i, theirs.get(i));
            }
        }
        stitcher.flushAll();

        assertThat(out.messages("a")).containsExactlyElementsOf(expected(before, trace, after));
        assertThat(out.messages("b")).containsExactlyElementsOf(expected(after, other, before));
    }

    @Test
    void shouldPassEveryLineOnceAndInOrderWhenAllTracesShareThreeStreamsInRandomOrder() {
        RecordedEvents out = new RecordedEvents();
        Stitcher<String> stitcher = new Stitcher<>(StitchConfig.DEFAULTS, out);
        List<List<String>> streams = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        List<CorpusTrace> traces = traces();
        for (int i = 0; i < traces.size(); i++) {
            List<String> stream = streams.get(i % 3);
            stream.addAll(traces.get(i).lines());
            stream.add(ORDINARY.get(i % ORDINARY.size()));
        }
        int[] next = new int[3];
        Random random = new Random(7);
        int linesIn = 0;
        while (next[0] < streams.get(0).size() || next[1] < streams.get(1).size() || next[2] < streams.get(2).size()) {
            int s = random.nextInt(3);
            if (next[s] < streams.get(s).size()) {
                stitcher.accept("s" + s, linesIn, streams.get(s).get(next[s]++));
                linesIn++;
            }
        }
        stitcher.flushAll();

        assertThat(out.lineCount()).isEqualTo(linesIn);
        for (int s = 0; s < 3; s++) {
            assertThat(String.join("\n", out.messages("s" + s))).isEqualTo(String.join("\n", streams.get(s)));
        }
        assertThat(out.events).filteredOn(StitchedEvent::isStitched).hasSize(35);
    }

    private static List<String> withNeighbours(String before, List<String> lines, String after) {
        List<String> all = new ArrayList<>();
        all.add(before);
        all.addAll(lines);
        all.add(after);
        return all;
    }

    private static List<String> expected(String before, CorpusTrace trace, String after) {
        return trace.oneEvent()
                ? List.of(before, trace.message(), after)
                : withNeighbours(before, trace.lines(), after);
    }
}
