package io.ecsmonitor.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecsmonitor.classifier.ClassifierConfig;
import io.ecsmonitor.classifier.ErrorClassifier;
import io.ecsmonitor.classifier.Verdict;
import io.ecsmonitor.classifier.stitch.StitchConfig;
import io.ecsmonitor.classifier.stitch.StitchedEvent;
import io.ecsmonitor.classifier.stitch.Stitcher;
import io.ecsmonitor.core.model.Category;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ecs-monitor classify}: classifies log events read from standard input (or files) with the
 * engine of the classification contract, and prints either one JSON verdict per event or a summary
 * for a person. Rejected input is reported on stderr with its line number and counted; exit code 1
 * says something was rejected.
 */
@Command(name = "classify",
        mixinStandardHelpOptions = true,
        description = {
            "Classify log events: noise, error category (oom, panic, fatal, timeout, connection_error,",
            "auth_error, http_5xx, python_traceback, exception, structured_error, error) and template fingerprint.",
            "Reads plain text (one event per line) or, with --jsonl, JSON objects with a \"message\" field."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:all input was read and classified",
            "1:some input lines were rejected (reported on stderr with their line numbers)",
            "2:bad flag or argument, or the command failed"})
final class ClassifyCommand implements Callable<Integer> {

    /** Jackson, loaded only by the modes that write JSON or keep the input's fields (start-up of the summary). */
    private static final class Jackson {
        static final ObjectMapper JSON = new ObjectMapper();
        static final JsonFactory FACTORY = JSON.getFactory();
    }

    /** CloudWatch Logs' classic limit for one event. */
    static final int DEFAULT_MAX_LINE_BYTES = 256 * 1024;
    /** How often output is flushed and quiet traces released when reading a live pipe. */
    private static final long LIVE_FLUSH_MS = 250;

    @Option(names = "--jsonl", description = "Input is one JSON object per line with a \"message\" field; other fields are passed through.")
    boolean jsonl;

    @Option(names = "--json", description = "Write one JSON object per event (input fields plus category, noise, fingerprint) instead of a summary.")
    boolean json;

    @Option(names = "--stitch", description = "Join multi-line stack traces into one event first (per logStream field when present).")
    boolean stitch;

    @Option(names = "--health-path", paramLabel = "PATH", split = ",", defaultValue = ClassifierConfig.DEFAULT_HEALTH_PATH,
            description = "Request path whose GET/HEAD requests are health-check noise; repeatable or comma-separated (default: ${DEFAULT-VALUE}).")
    List<String> healthPaths = new ArrayList<>();

    @Option(names = "--top", paramLabel = "N", defaultValue = "10", description = "Fingerprints listed in the summary (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--max-line-bytes", paramLabel = "BYTES", defaultValue = "" + DEFAULT_MAX_LINE_BYTES,
            description = "Longest accepted input line; longer ones are rejected (default: ${DEFAULT-VALUE}).")
    int maxLineBytes;

    @Parameters(paramLabel = "FILE", arity = "0..*", description = "Files to read; standard input when none or '-'.")
    List<Path> files = new ArrayList<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The stream of plain-text input, which has no logStream field. */
    private static final String PLAIN_STREAM = "stdin";

    private ErrorClassifier classifier;
    private Stitcher<ObjectNode> stitcher;
    /** Guards the stitcher and the JSON output between the reading thread and the live flush. */
    private final Object lock = new Object();
    private long sequence;
    private ClassifySummary summary;
    private JsonGenerator out;
    private ClassifyPipeline.JsonSink sink;
    private PrintWriter err;
    /** Set when run without picocli ({@link #parseSimple}); picocli's writers otherwise. */
    private PrintWriter outWriter;
    private PrintWriter errWriter;

    @Override
    public Integer call() throws IOException {
        validate();
        classifier = new ErrorClassifier(ClassifierConfig.withHealthPaths(healthPaths));
        summary = new ClassifySummary(top);
        if (stitch) {
            stitcher = new Stitcher<>(StitchConfig.DEFAULTS, this::acceptStitched);
        }
        err = errWriter != null ? errWriter : spec.commandLine().getErr();
        OutputStream stdout = new BufferedOutputStream(System.out, 1 << 16);
        if (json) {
            out = jsonGenerator(stdout);
            sink = new ClassifyPipeline.JsonSink(stdout);
        }
        // without --stitch the pipeline flushes the output after each chunk of lines itself
        ScheduledExecutorService live = stitch ? startLiveFlush() : null;
        try {
            if (files.isEmpty()) {
                read("stdin", System.in);
            } else {
                for (Path f : files) {
                    if (f.toString().equals("-")) {
                        read("stdin", System.in);
                    } else {
                        try (InputStream in = Files.newInputStream(f)) {
                            read(f.toString(), in);
                        } catch (NoSuchFileException e) {
                            throw new EcsMonitorCommand.UsageException("no such file: " + f);
                        }
                    }
                }
            }
            synchronized (lock) {
                if (stitcher != null) {
                    stitcher.flushAll();
                }
            }
        } finally {
            if (live != null) {
                live.shutdownNow();
            }
            synchronized (lock) {
                if (out != null) {
                    out.writeRaw('\n');
                    out.flush();
                }
            }
        }
        if (!json) {
            PrintWriter pw = outWriter != null ? outWriter : spec.commandLine().getOut();
            summary.print(pw);
            pw.flush();
        }
        err.flush();
        return summary.rejectedCount() > 0 ? EcsMonitorCommand.EXIT_FINDINGS : EcsMonitorCommand.EXIT_OK;
    }

    /**
     * The command for {@code args} when they are a plain {@code classify} run that needs no parsing
     * help: {@code classify} followed only by {@code --jsonl}, {@code --json}, {@code --stitch},
     * {@code --top N}, {@code --max-line-bytes N} (each at most once, N plain decimal digits) and file
     * names (or {@code -}); null for anything else (help, {@code --health-path}, {@code --opt=value},
     * {@code @argfiles}, a bad or repeated option, a value out of range), which picocli then parses
     * and reports as always. It saves the start-up of picocli's model of every command, a good part
     * of a short run's time.
     */
    static ClassifyCommand parseSimple(String[] args) {
        if (args.length == 0 || !"classify".equals(args[0])) {
            return null;
        }
        ClassifyCommand c = new ClassifyCommand();
        c.top = 10;
        c.maxLineBytes = DEFAULT_MAX_LINE_BYTES;
        c.healthPaths = new ArrayList<>(List.of(ClassifierConfig.DEFAULT_HEALTH_PATH));
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int k = 1; k < args.length; k++) {
            String a = args[k];
            switch (a) {
                case "--jsonl", "--json", "--stitch", "--top", "--max-line-bytes" -> {
                    if (!seen.add(a)) {
                        return null;
                    }
                    switch (a) {
                        case "--jsonl" -> c.jsonl = true;
                        case "--json" -> c.json = true;
                        case "--stitch" -> c.stitch = true;
                        default -> {
                            int v = k + 1 < args.length ? plainInt(args[++k]) : -1;
                            if (v < 0) {
                                return null;
                            }
                            if (a.equals("--top")) {
                                c.top = v;
                            } else {
                                c.maxLineBytes = v;
                            }
                        }
                    }
                }
                default -> {
                    if (!a.equals("-") && (a.isEmpty() || a.charAt(0) == '-' || a.charAt(0) == '@')) {
                        return null;
                    }
                    try {
                        c.files.add(Path.of(a));
                    } catch (java.nio.file.InvalidPathException e) {
                        return null;
                    }
                }
            }
        }
        return c.problem() == null ? c : null;
    }

    /** The value of 1 to 9 decimal digits, or -1. */
    private static int plainInt(String s) {
        if (s.isEmpty() || s.length() > 9) {
            return -1;
        }
        int v = 0;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch < '0' || ch > '9') {
                return -1;
            }
            v = v * 10 + (ch - '0');
        }
        return v;
    }

    /**
     * Runs a command made by {@link #parseSimple} as picocli would: its standard writers, a
     * {@link EcsMonitorCommand.UsageException} or a failure reported in one line with exit code 2.
     */
    int runStandalone() {
        outWriter = printWriter(System.out, "sun.stdout.encoding");
        errWriter = printWriter(System.err, "sun.stderr.encoding");
        try {
            return call();
        } catch (EcsMonitorCommand.UsageException e) {
            errWriter.println("ecs-monitor: " + e.getMessage());
            errWriter.flush();
            return EcsMonitorCommand.EXIT_USAGE;
        } catch (Exception e) {
            errWriter.println("ecs-monitor: ecs-monitor classify failed: " + e);
            org.slf4j.LoggerFactory.getLogger(EcsMonitorCommand.class).debug("command failed", e);
            errWriter.flush();
            return EcsMonitorCommand.EXIT_USAGE;
        } finally {
            outWriter.flush();
            errWriter.flush();
        }
    }

    /** The writer picocli makes for a standard stream: its encoding property, else the default charset. */
    private static PrintWriter printWriter(java.io.PrintStream stream, String encodingProperty) {
        java.nio.charset.Charset cs = java.nio.charset.Charset.defaultCharset();
        String name = System.getProperty(encodingProperty);
        if (name != null) {
            try {
                cs = java.nio.charset.Charset.forName("cp65001".equalsIgnoreCase(name) ? "UTF-8" : name);
            } catch (RuntimeException e) {
                // picocli falls back to the default charset too
            }
        }
        return new PrintWriter(new java.io.BufferedWriter(new java.io.OutputStreamWriter(stream, cs)), true);
    }

    /**
     * For a live pipe ({@code aws logs tail --follow | ecs-monitor classify --json}): output is
     * flushed while input is quiet, and a plain-text trace is released once its stream has been
     * quiet for the stitcher's quiet time, not held until the next line or the end of the input.
     */
    private ScheduledExecutorService startLiveFlush() {
        ScheduledExecutorService live = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "classify-live-flush");
            t.setDaemon(true);
            return t;
        });
        live.scheduleWithFixedDelay(() -> {
            synchronized (lock) {
                try {
                    if (stitcher != null && !jsonl) {
                        stitcher.flushIdle(System.currentTimeMillis());
                    }
                    if (out != null) {
                        out.flush();
                    }
                } catch (IOException | java.io.UncheckedIOException e) {
                    throw new java.io.UncheckedIOException("cannot write the output", e instanceof IOException io ? io
                            : ((java.io.UncheckedIOException) e).getCause());
                }
            }
        }, LIVE_FLUSH_MS, LIVE_FLUSH_MS, TimeUnit.MILLISECONDS);
        return live;
    }

    private void validate() {
        String problem = problem();
        if (problem != null) {
            // made elsewhere: a picocli class named here would be loaded, from the jar, by every run
            throw EcsMonitorCommand.parameterError(spec.commandLine(), problem);
        }
    }

    /** What is wrong with the options, or null. */
    private String problem() {
        if (top < 0) {
            return "--top must be 0 or more, got " + top;
        }
        if (maxLineBytes < 1024) {
            return "--max-line-bytes must be at least 1024, got " + maxLineBytes;
        }
        for (String p : healthPaths) {
            if (!p.startsWith("/")) {
                return "--health-path must start with '/', got '" + p + "'";
            }
        }
        return null;
    }

    private void read(String source, InputStream in) throws IOException {
        if (!stitch) {
            readInParallel(source, in);
            return;
        }
        LineReader reader = new LineReader(in, maxLineBytes);
        LineReader.Line line;
        while ((line = reader.next()) != null) {
            synchronized (lock) {
                if (line.rejected()) {
                    reject(source, line.number(), line.rejection());
                } else if (jsonl) {
                    acceptJsonLine(source, line);
                } else {
                    // plain text has no event time of its own: the wall clock stands in for it
                    accept(line.text(), null, PLAIN_STREAM, System.currentTimeMillis());
                }
            }
        }
    }

    /** Without stitching, lines are independent: chunks of them go to one worker per core. */
    private void readInParallel(String source, InputStream in) throws IOException {
        int workers = Math.max(1, Runtime.getRuntime().availableProcessors());
        summary.merge(new ClassifyPipeline(classifier, jsonl, maxLineBytes, top, workers, err, sink).run(source, in));
    }

    /** A {@code --jsonl} line read with Jackson, its fields kept: its fields and message, or why it is rejected. */
    record JsonLine(ObjectNode fields, String message, String rejection) {
    }

    /** The line read with Jackson; null for a blank line, which is skipped. */
    static JsonLine parseJsonLine(String text) {
        if (text.isBlank()) {
            return null;
        }
        JsonNode node;
        try {
            node = Jackson.JSON.readTree(text);
        } catch (IOException e) {
            return new JsonLine(null, null, "not a JSON object: " + firstLine(e.getMessage()));
        }
        if (!(node instanceof ObjectNode obj)) {
            return new JsonLine(null, null, "not a JSON object");
        }
        JsonNode message = obj.get("message");
        if (message == null || !message.isTextual()) {
            return new JsonLine(null, null, "no \"message\" string field");
        }
        return new JsonLine(obj, message.asText(), null);
    }

    /** A generator for {@code --json}: one object per line. */
    static JsonGenerator jsonGenerator(OutputStream out) throws IOException {
        JsonGenerator g = Jackson.FACTORY.createGenerator(out);
        g.setRootValueSeparator(new com.fasterxml.jackson.core.io.SerializedString("\n"));
        return g;
    }

    private void acceptJsonLine(String source, LineReader.Line line) throws IOException {
        JsonLine parsed = parseJsonLine(line.text());
        if (parsed == null) {
            return;
        }
        if (parsed.rejection() != null) {
            reject(source, line.number(), parsed.rejection());
            return;
        }
        ObjectNode obj = parsed.fields();
        JsonNode group = obj.get("logGroup");
        JsonNode stream = obj.get("logStream");
        String key = stream == null ? PLAIN_STREAM : (group == null ? "" : group.asText()) + "/" + stream.asText();
        long ts = obj.path("timestamp").canConvertToLong() ? obj.path("timestamp").asLong() : sequence;
        accept(parsed.message(), obj, key, ts);
    }

    private void accept(String message, ObjectNode fields, String stream, long timestampMs) throws IOException {
        sequence++;
        if (stitcher != null) {
            stitcher.accept(stream, timestampMs, message, fields);
            return;
        }
        classifyAndEmit(message, fields);
    }

    private void acceptStitched(StitchedEvent<ObjectNode> e) {
        try {
            ObjectNode fields = e.attachment();
            if (fields != null && e.isStitched()) {
                fields.put("message", e.message());
                fields.put("stitchedLines", e.lineCount());
            }
            classifyAndEmit(e.message(), fields);
        } catch (IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }

    private void classifyAndEmit(String message, ObjectNode fields) throws IOException {
        Verdict v = classifier.classify(message);
        summary.add(message, v, sequence);
        if (json) {
            writeVerdict(message, fields, v);
        }
    }

    private void writeVerdict(String message, ObjectNode fields, Verdict v) throws IOException {
        writeVerdict(out, message, fields, v);
    }

    /** Writes the event's fields (or just its message) plus the verdict as one JSON object. */
    static void writeVerdict(JsonGenerator out, String message, ObjectNode fields, Verdict v) throws IOException {
        ObjectNode o = fields != null ? fields : Jackson.JSON.createObjectNode().put("message", message);
        Category c = v.category();
        if (c == null) {
            o.putNull("category");
        } else {
            o.put("category", c.wireName());
        }
        o.put("noise", v.noise());
        o.put("fingerprint", v.fingerprint());
        Jackson.JSON.writeTree(out, o);
    }

    private void reject(String source, long line, String reason) {
        reject(source, line, reason, summary);
    }

    private void reject(String source, long line, String reason, ClassifySummary into) {
        into.rejected();
        err.println("ecs-monitor classify: " + source + " line " + line + ": rejected: " + reason);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
