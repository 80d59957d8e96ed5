package io.ecsmonitor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ClassifyCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final InputStream originalIn = System.in;
    private final PrintStream originalOut = System.out;
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private StringWriter err;
    private StringWriter out;

    @BeforeEach
    void captureStdout() {
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setIn(originalIn);
        System.setOut(originalOut);
    }

    private int run(byte[] input, String... args) {
        System.setIn(new ByteArrayInputStream(input));
        CommandLine cl = EcsMonitorCommand.commandLine();
        err = new StringWriter();
        out = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(out, true));
        return cl.execute(args);
    }

    private int run(String input, String... args) {
        return run(input.getBytes(StandardCharsets.UTF_8), args);
    }

    private List<JsonNode> jsonLines() throws Exception {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : stdout.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                nodes.add(JSON.readTree(line));
            }
        }
        return nodes;
    }

    @Test
    void shouldWriteOneJsonVerdictPerPlainTextLineInInputOrder() throws Exception {
        int code = run("java.lang.OutOfMemoryError: Java heap space\nall good here\n"
                + "10.0.0.1 - - [01/Jan/2024:00:00:00 +0000] \"GET /health HTTP/1.1\" 200 2 \"-\" \"curl/8\"\n",
                "classify", "--json");

        assertThat(code).isZero();
        List<JsonNode> nodes = jsonLines();
        assertThat(nodes).hasSize(3);
        assertThat(nodes.get(0).get("message").asText()).startsWith("java.lang.OutOfMemoryError");
        assertThat(nodes.get(0).get("category").asText()).isEqualTo("oom");
        assertThat(nodes.get(0).get("noise").asBoolean()).isFalse();
        assertThat(nodes.get(0).get("fingerprint").asText()).isNotBlank();
        assertThat(nodes.get(1).get("category").isNull()).isTrue();
        assertThat(nodes.get(2).get("noise").asBoolean()).isTrue();
        assertThat(nodes.get(2).get("category").isNull()).isTrue();
    }

    @Test
    void shouldPassJsonlFieldsThroughAndAddTheVerdict() throws Exception {
        int code = run("{\"service\":\"api\",\"timestamp\":1,\"message\":\"panic: boom\"}\n", "classify", "--jsonl", "--json");

        assertThat(code).isZero();
        JsonNode n = jsonLines().get(0);
        assertThat(n.get("service").asText()).isEqualTo("api");
        assertThat(n.get("timestamp").asLong()).isEqualTo(1);
        assertThat(n.get("category").asText()).isEqualTo("panic");
    }

    @Test
    void shouldReportBadJsonlLinesWithTheirNumbersAndGoOnWithExitCode1() throws Exception {
        String input = "{\"message\":\"connection refused\"}\nnot json at all\n{\"msg\":\"no message field\"}\n"
                + "{\"message\":\"Segmentation fault (core dumped)\"}\n";
        int code = run(input, "classify", "--jsonl", "--json");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("line 2: rejected: not a JSON object").contains("line 3: rejected: no \"message\"");
        List<JsonNode> nodes = jsonLines();
        assertThat(nodes).extracting(n -> n.get("category").asText()).containsExactly("connection_error", "fatal");
    }

    @Test
    void shouldRejectNonUtf8AndOverlongLinesAndKeepTheRest() throws Exception {
        ByteArrayOutputStream in = new ByteArrayOutputStream();
        in.write("first: connection reset by peer\n".getBytes(StandardCharsets.UTF_8));
        in.write(new byte[] {'b', 'a', 'd', (byte) 0xff, (byte) 0xfe, '\n'});
        in.write("x".repeat(1024 * 1024).getBytes(StandardCharsets.US_ASCII));
        in.write('\n');
        in.write("last: timed out\n".getBytes(StandardCharsets.UTF_8));

        int code = run(in.toByteArray(), "classify");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("line 2: rejected: not valid UTF-8").contains("line 3: rejected: line is 1048576 bytes");
        assertThat(out.toString()).contains("events      2").contains("rejected    2")
                .contains("connection_error").contains("timeout");
    }

    @Test
    void shouldStitchATraceSplitOverEventsOfOneStreamIntoOneVerdict() throws Exception {
        String input = String.join("\n",
                "{\"logStream\":\"a\",\"timestamp\":1000,\"message\":\"Exception in thread \\\"main\\\" java.lang.IllegalStateException: boom\"}",
                "{\"logStream\":\"b\",\"timestamp\":1001,\"message\":\"2024-01-01 INFO other stream\"}",
                "{\"logStream\":\"a\",\"timestamp\":1002,\"message\":\"\\tat com.example.App.main(App.java:5)\"}",
                "{\"logStream\":\"a\",\"timestamp\":1003,\"message\":\"Caused by: java.net.SocketTimeoutException: Read timed out\"}",
                "{\"logStream\":\"a\",\"timestamp\":1004,\"message\":\"2024-01-01 INFO next record\"}") + "\n";
        int code = run(input, "classify", "--jsonl", "--stitch", "--json");

        assertThat(code).isZero();
        List<JsonNode> nodes = jsonLines();
        assertThat(nodes).hasSize(3);
        JsonNode trace = nodes.stream().filter(n -> n.path("stitchedLines").asInt() == 3).findFirst().orElseThrow();
        assertThat(trace.get("message").asText()).contains("IllegalStateException").contains("\n\tat com.example")
                .endsWith("Read timed out");
        assertThat(trace.get("category").asText()).isEqualTo("timeout");
        assertThat(nodes).filteredOn(n -> n.get("category").isNull()).hasSize(2);
    }

    /** Assertions on the output so far. */
    private interface Check {
        void run() throws Exception;
    }

    /**
     * Runs {@code args} on a pipe that stays open: writes {@code input}, waits until standard output shows
     * {@code shown}, runs {@code check}, then closes the pipe; returns the exit code.
     */
    private int onLivePipe(String input, String shown, Check check, String... args) throws Exception {
        java.io.PipedOutputStream feed = new java.io.PipedOutputStream();
        java.io.PipedInputStream pipe = new java.io.PipedInputStream(feed, 1 << 16);
        System.setIn(pipe);
        CommandLine cl = EcsMonitorCommand.commandLine();
        cl.setErr(new PrintWriter(new StringWriter(), true));
        java.util.concurrent.atomic.AtomicInteger code = new java.util.concurrent.atomic.AtomicInteger(-1);
        Thread run = new Thread(() -> code.set(cl.execute(args)));
        run.start();
        try {
            feed.write(input.getBytes(StandardCharsets.UTF_8));
            feed.flush();
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> stdout.toString(StandardCharsets.UTF_8).contains(shown));
            check.run();
        } finally {
            feed.close();
            run.join(10_000);
        }
        return code.get();
    }

    @Test
    void shouldReleaseATraceFromALivePipeOnceItsStreamIsQuiet() throws Exception {
        // the input stays open: the trace must come out by the quiet time alone
        int code = onLivePipe("Exception in thread \"main\" java.lang.IllegalStateException: boom\n"
                + "\tat com.example.App.main(App.java:5)\n", "IllegalStateException", () -> {
                    JsonNode trace = jsonLines().get(0);
                    assertThat(trace.get("message").asText()).endsWith("at com.example.App.main(App.java:5)");
                    assertThat(trace.get("category").asText()).isEqualTo("exception");
                }, "classify", "--stitch", "--json");
        assertThat(code).isZero();
    }

    @Test
    void shouldSummariseCountsAndTopFingerprintsForAPerson() {
        String input = "user 42 not found: connection refused\nuser 7 not found: connection refused\n"
                + "10.0.0.1 - - [01/Jan/2024:00:00:00 +0000] \"GET /health HTTP/1.1\" 200 2 \"-\" \"ELB-HealthChecker/2.0\"\n"
                + "Started in 3s\n";
        int code = run(input, "classify");

        assertThat(code).isZero();
        assertThat(out.toString()).contains("events      4").contains("errors      2").contains("noise       1")
                .containsPattern("connection_error\\s+2")
                .contains("top fingerprints (1 of 1)");
    }

    @Test
    void shouldExitWith2AndOneLineOnABadFlag() {
        int code = run("", "classify", "--top", "-3");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString().strip().lines()).hasSize(1);
        assertThat(err.toString()).contains("--top must be 0 or more");
    }

    @Test
    void shouldExitWith2OnAnUnknownOption() {
        int code = run("", "classify", "--no-such-flag");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString().strip().lines()).hasSize(1);
        assertThat(err.toString()).contains("Unknown option: '--no-such-flag'").contains("--help");
    }

    @Test
    void shouldTakePlainClassifyArgumentsWithoutPicocli() {
        ClassifyCommand c = ClassifyCommand.parseSimple(
                new String[] {"classify", "--jsonl", "--top", "5", "--max-line-bytes", "2048", "a.jsonl", "-"});

        assertThat(c).isNotNull();
        assertThat(c.jsonl).isTrue();
        assertThat(c.json).isFalse();
        assertThat(c.top).isEqualTo(5);
        assertThat(c.maxLineBytes).isEqualTo(2048);
        assertThat(c.files).extracting(Object::toString).containsExactly("a.jsonl", "-");
        assertThat(c.healthPaths).containsExactly("/health");
        ClassifyCommand defaults = ClassifyCommand.parseSimple(new String[] {"classify"});
        assertThat(defaults.top).isEqualTo(10);
        assertThat(defaults.maxLineBytes).isEqualTo(ClassifyCommand.DEFAULT_MAX_LINE_BYTES);
    }

    @Test
    void shouldLeaveEverythingButPlainClassifyArgumentsToPicocli() {
        List<String[]> others = List.of(new String[] {}, new String[] {"logs"}, new String[] {"--help"},
                new String[] {"classify", "--help"}, new String[] {"classify", "-h"}, new String[] {"classify", "--version"},
                new String[] {"classify", "--health-path", "/ping"}, new String[] {"classify", "--top=5"},
                new String[] {"classify", "--top", "-3"}, new String[] {"classify", "--top"}, new String[] {"classify", "--top", "1e3"},
                new String[] {"classify", "--top", "5", "--top", "6"}, new String[] {"classify", "--json", "--json"},
                new String[] {"classify", "--max-line-bytes", "10"}, new String[] {"classify", "@args.txt"},
                new String[] {"classify", "--", "file"}, new String[] {"classify", "-x"}, new String[] {"classify", ""});
        for (String[] args : others) {
            assertThat(ClassifyCommand.parseSimple(args)).as(String.join(" ", args)).isNull();
        }
    }

    @Test
    void shouldPrintAndExitTheSameWithoutPicocliAsWithIt(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path file = dir.resolve("events.jsonl");
        java.nio.file.Files.writeString(file, "{\"message\":\"connection refused\"}\nnot json\n{\"message\":\"all good\"}\n"
                + "{\"message\":\"user 7 not found: connection refused\"}");
        String[] args = {"classify", "--jsonl", file.toString()};

        int viaPicocli = run(new byte[0], args);
        String picocliOut = out.toString();
        String picocliErr = err.toString();
        PrintStream originalErr = System.err;
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
        int standalone;
        try {
            standalone = ClassifyCommand.parseSimple(args).runStandalone();
        } finally {
            System.setErr(originalErr);
        }

        assertThat(viaPicocli).isEqualTo(1);
        assertThat(standalone).isEqualTo(viaPicocli);
        assertThat(picocliOut).contains("events      3").contains("rejected    1");
        assertThat(stdout.toString(StandardCharsets.UTF_8)).isEqualTo(picocliOut);
        assertThat(picocliErr).contains("line 2: rejected: not a JSON object");
        assertThat(stderr.toString(StandardCharsets.UTF_8)).isEqualTo(picocliErr);
    }

    @Test
    void shouldReportAMissingFileInOneLineWithExitCode2WithoutPicocli() {
        PrintStream originalErr = System.err;
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = ClassifyCommand.parseSimple(new String[] {"classify", "/no/such/file.jsonl"}).runStandalone();
        } finally {
            System.setErr(originalErr);
        }

        assertThat(code).isEqualTo(2);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).isEqualTo("ecs-monitor: no such file: /no/such/file.jsonl" + System.lineSeparator());
        assertThat(run("", "classify", "/no/such/file.jsonl")).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("ecs-monitor: no such file: /no/such/file.jsonl" + System.lineSeparator());
    }

    @Test
    void shouldSummariseJsonlWithCrlfAndALastLineWithoutNewline() {
        int code = run("{\"message\":\"panic: boom\"}\r\n\r\n{\"message\":\"Segmentation fault\"}", "classify", "--jsonl");

        assertThat(code).isZero();
        assertThat(out.toString()).contains("events      2").contains("rejected    0").containsPattern("panic\\s+1")
                .containsPattern("fatal\\s+1");
    }

    @Test
    void shouldWriteJsonVerdictsOfALivePipeWithoutStitchingWhileItStaysOpen() throws Exception {
        int code = onLivePipe("{\"service\":\"api\",\"message\":\"panic: boom\"}\n", "panic", () -> {
            assertThat(jsonLines().get(0).get("category").asText()).isEqualTo("panic");
            assertThat(jsonLines().get(0).get("service").asText()).isEqualTo("api");
        }, "classify", "--jsonl", "--json");
        assertThat(code).isZero();
    }

    @Test
    void shouldKeepJsonOutputInInputOrderOverManyChunks() throws Exception {
        StringBuilder in = new StringBuilder();
        String[] messages = {"connection refused", "all good", "panic: boom", "GET /health 200", "Read timed out"};
        for (int i = 0; i < 40_000; i++) {
            in.append("{\"seq\":").append(i).append(",\"pad\":\"").append("p".repeat(i % 50)).append("\",\"message\":\"")
                    .append(messages[i % messages.length]).append(" #").append(i).append("\"}\n");
        }
        assertThat(in.length()).isGreaterThan(3 * ChunkReader.CHUNK_BYTES);

        int code = run(in.toString(), "classify", "--jsonl", "--json");

        assertThat(code).isZero();
        List<JsonNode> nodes = jsonLines();
        assertThat(nodes).hasSize(40_000);
        for (int i = 0; i < nodes.size(); i++) {
            assertThat(nodes.get(i).get("seq").asInt()).isEqualTo(i);
        }
        assertThat(nodes.get(2).get("category").asText()).isEqualTo("panic");
        assertThat(stdout.toString(StandardCharsets.UTF_8)).endsWith("}\n");
    }
}
