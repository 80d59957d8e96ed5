package io.ecsmonitor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecsmonitor.classifier.ErrorClassifier;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClassifyPipelineTest {

    private static final ErrorClassifier CLASSIFIER = new ErrorClassifier();

    private record Result(String summary, List<String> errLines) {
    }

    private static Result run(byte[] input, boolean jsonl, int workers, int chunkBytes) throws Exception {
        StringWriter err = new StringWriter();
        ClassifySummary summary = new ClassifyPipeline(CLASSIFIER, jsonl, 1024, 50, workers, new PrintWriter(err, true), null, chunkBytes)
                .run("in.jsonl", new ByteArrayInputStream(input));
        StringWriter out = new StringWriter();
        summary.print(new PrintWriter(out, true));
        return new Result(out.toString(), err.toString().lines().toList());
    }

    /** 600 lines of varied events, every 7th one bad in one of several ways; CRLF on some; no final newline. */
    private static byte[] mixedInput(List<Integer> badLines) {
        String[] messages = {
            "java.lang.OutOfMemoryError: Java heap space", "connection refused to db:5432 after 3 attempts",
            "GET /health 200", "panic: runtime error: index out of range [3] with length 3",
            "user 42 logged in", "Traceback (most recent call last):\\n  File \\\"a.py\\\", line 1\\nValueError: bad",
            "caf\u00e9 \\u00e9 timeout after 30s 😀", "ERROR request failed status=503"};
        ByteArrayOutputStream in = new ByteArrayOutputStream();
        for (int i = 1; i <= 600; i++) {
            if (i % 7 == 0) {
                badLines.add(i);
                switch ((i / 7) % 4) {
                    case 0 -> in.writeBytes("not json".getBytes(StandardCharsets.UTF_8));
                    case 1 -> in.writeBytes("{\"msg\":\"no message\"}".getBytes(StandardCharsets.UTF_8));
                    case 2 -> in.writeBytes(new byte[] {'{', '"', 'm', (byte) 0xff, '"', '}'});
                    default -> in.writeBytes(("{\"message\":\"" + "x".repeat(1100) + "\"}").getBytes(StandardCharsets.UTF_8));
                }
            } else {
                in.writeBytes(("{\"seq\":" + i + ",\"message\":\"" + messages[i % messages.length] + " #" + (i % 5) + "\"}")
                        .getBytes(StandardCharsets.UTF_8));
            }
            if (i < 600) {
                in.writeBytes((i % 4 == 0 ? "\r\n" : "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        return in.toByteArray();
    }

    @Test
    void shouldReportRejectedLinesInInputOrderAndSummariseLikeOneThreadWhateverTheChunks() throws Exception {
        List<Integer> bad = new ArrayList<>();
        byte[] input = mixedInput(bad);

        Result single = run(input, true, 1, 1 << 20);
        Result parallel = run(input, true, 3, 64);

        assertThat(single.errLines()).hasSize(bad.size());
        for (int k = 0; k < bad.size(); k++) {
            assertThat(single.errLines().get(k)).startsWith("ecs-monitor classify: in.jsonl line " + bad.get(k) + ": rejected: ");
        }
        assertThat(single.errLines().get(bad.indexOf(28))).contains("line 28: rejected: not a JSON object");
        assertThat(single.errLines().get(bad.indexOf(7))).contains("no \"message\" string field");
        assertThat(single.errLines().get(bad.indexOf(14))).contains("not valid UTF-8");
        assertThat(single.errLines().get(bad.indexOf(21))).contains("line is 1114 bytes, over the limit of 1024 bytes");
        assertThat(single.summary()).contains("events      " + (600 - bad.size())).contains("rejected    " + bad.size());

        // the line-by-line reader that the interactive modes use rejects the same lines for the same reasons
        assertThat(single.errLines()).isEqualTo(lineByLine(input));
        // many chunk boundaries and three workers: the same report, line for line
        assertThat(parallel.errLines()).isEqualTo(single.errLines());
        assertThat(parallel.summary()).isEqualTo(single.summary());
    }

    /** The rejections that {@link LineReader} and {@link JsonMessage} make of the input, one line at a time. */
    private static List<String> lineByLine(byte[] input) throws Exception {
        List<String> rejections = new ArrayList<>();
        LineReader reader = new LineReader(new ByteArrayInputStream(input), 1024);
        LineReader.Line line;
        while ((line = reader.next()) != null) {
            String reason = line.rejection();
            if (reason == null && !line.text().isBlank()) {
                try {
                    if (JsonMessage.extract(line.text()) == null) {
                        reason = "no \"message\" string field";
                    }
                } catch (JsonMessage.Invalid e) {
                    reason = e.getMessage();
                }
            }
            if (reason != null) {
                rejections.add("ecs-monitor classify: in.jsonl line " + line.number() + ": rejected: " + reason);
            }
        }
        return rejections;
    }

    @Test
    void shouldShowTheFirstOccurrenceAsSampleWhicheverWorkerSawIt() throws Exception {
        StringBuilder in = new StringBuilder();
        for (int i = 1; i <= 400; i++) {
            in.append("{\"message\":\"connection refused by host-").append(i).append(" (attempt ").append(i).append(")\"}\n");
        }
        byte[] input = in.toString().getBytes(StandardCharsets.UTF_8);

        Result parallel = run(input, true, 4, 100);

        assertThat(parallel.summary()).contains("host-1 (attempt 1)").doesNotContain("host-2 ");
        assertThat(parallel.summary()).isEqualTo(run(input, true, 1, 1 << 20).summary());
    }

    @Test
    void shouldReadPlainTextWithTheSameRules() throws Exception {
        byte[] input = ("fatal error: out of memory\r\nall good\n\nbad \u00e9".getBytes(StandardCharsets.UTF_8));
        byte[] withBadByte = new byte[input.length + 2];
        System.arraycopy(input, 0, withBadByte, 0, input.length);
        withBadByte[input.length] = '\n';
        withBadByte[input.length + 1] = (byte) 0xc3;

        Result r = run(withBadByte, false, 2, 16);

        // the empty line is an event in plain text; the lone 0xc3 is not UTF-8
        assertThat(r.summary()).contains("events      4").contains("rejected    1");
        assertThat(r.errLines()).containsExactly("ecs-monitor classify: in.jsonl line 5: rejected: not valid UTF-8 (Input length = 1)");
    }

    /** The --json output and stderr of the pipeline. */
    private static Result runJson(byte[] input, boolean jsonl, int workers, int chunkBytes) throws Exception {
        StringWriter err = new StringWriter();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ClassifyPipeline.JsonSink sink = new ClassifyPipeline.JsonSink(out);
        ClassifySummary summary = new ClassifyPipeline(CLASSIFIER, jsonl, 1024, 10, workers, new PrintWriter(err, true), sink,
                chunkBytes).run("in.jsonl", new ByteArrayInputStream(input));
        out.write('\n'); // the command's closing newline
        assertThat(summary.rejectedCount()).isEqualTo(err.toString().lines().count());
        return new Result(out.toString(StandardCharsets.UTF_8), err.toString().lines().toList());
    }

    /** What the single-threaded --json wrote: Jackson per line, one generator, a newline after the last object. */
    private static Result sequentialJson(byte[] input, boolean jsonl) throws Exception {
        List<String> rejections = new ArrayList<>();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        com.fasterxml.jackson.core.JsonGenerator gen = ClassifyCommand.jsonGenerator(out);
        LineReader reader = new LineReader(new ByteArrayInputStream(input), 1024);
        LineReader.Line line;
        while ((line = reader.next()) != null) {
            String reason = line.rejection();
            if (reason == null && !jsonl) {
                ClassifyCommand.writeVerdict(gen, line.text(), null, CLASSIFIER.classify(line.text()));
            } else if (reason == null) {
                ClassifyCommand.JsonLine parsed = ClassifyCommand.parseJsonLine(line.text());
                if (parsed != null && parsed.rejection() == null) {
                    ClassifyCommand.writeVerdict(gen, parsed.message(), parsed.fields(), CLASSIFIER.classify(parsed.message()));
                } else if (parsed != null) {
                    reason = parsed.rejection();
                }
            }
            if (reason != null) {
                rejections.add("ecs-monitor classify: in.jsonl line " + line.number() + ": rejected: " + reason);
            }
        }
        gen.writeRaw('\n');
        gen.flush();
        return new Result(out.toString(StandardCharsets.UTF_8), rejections);
    }

    @Test
    void shouldWriteJsonVerdictsInInputOrderAsOneThreadDidWhateverTheChunks() throws Exception {
        List<Integer> bad = new ArrayList<>();
        byte[] input = mixedInput(bad);

        Result expected = sequentialJson(input, true);
        Result parallel = runJson(input, true, 3, 64);

        assertThat(expected.summary().lines().count()).isEqualTo(600 - bad.size());
        assertThat(parallel.summary()).isEqualTo(expected.summary());
        assertThat(parallel.errLines()).isEqualTo(expected.errLines()).hasSize(bad.size());
        assertThat(runJson(input, false, 2, 100).summary()).isEqualTo(sequentialJson(input, false).summary());
    }

    @Test
    void shouldWriteOneNewlineForNoVerdictAtAll() throws Exception {
        assertThat(runJson("not json\n".getBytes(StandardCharsets.UTF_8), true, 2, 64).summary()).isEqualTo("\n");
        assertThat(runJson(new byte[0], true, 2, 64).summary()).isEqualTo(sequentialJson(new byte[0], true).summary());
    }

    @Test
    void shouldStopAndReportWhenTheOutputFails() {
        StringBuilder in = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            in.append("{\"message\":\"connection refused ").append(i).append("\"}\n");
        }
        java.io.OutputStream broken = new java.io.OutputStream() {
            @Override
            public void write(int b) throws java.io.IOException {
                throw new java.io.IOException("Broken pipe");
            }
        };
        ClassifyPipeline pipeline = new ClassifyPipeline(CLASSIFIER, true, 1024, 10, 2, new PrintWriter(new StringWriter()),
                new ClassifyPipeline.JsonSink(broken), 256);

        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(30), () ->
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> pipeline.run("in", new ByteArrayInputStream(
                        in.toString().getBytes(StandardCharsets.UTF_8)))).isInstanceOf(java.io.IOException.class)
                        .hasMessage("Broken pipe"));
    }
}
