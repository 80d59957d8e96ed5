package io.ecsmonitor.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import io.ecsmonitor.classifier.ErrorClassifier;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.LongUnaryOperator;

/**
 * {@code classify} without {@code --stitch} over all cores: the calling thread cuts the input into
 * chunks of whole lines ({@link ChunkReader}); one worker per core takes chunks in turn and splits,
 * checks, decodes and classifies their lines straight from the bytes. For the summary
 * ({@link JsonLineScanner} for {@code --jsonl}) each worker counts into its own
 * {@link ClassifySummary}; for {@code --json} it writes the chunk's verdicts into a buffer of its own.
 * A worker numbers lines within its chunk; rejected lines are reported on stderr, and JSON verdicts
 * written, in input order, once every earlier chunk is done, with line numbers in the input; samples
 * keep their line numbers in the input. The result is what a single thread would make.
 */
final class ClassifyPipeline {

    private final ErrorClassifier classifier;
    private final boolean jsonl;
    private final int maxLineBytes;
    private final int top;
    private final int workers;
    private final PrintWriter err;
    private final int chunkBytes;
    /** Where {@code --json} verdicts go; null for the summary. */
    private final JsonSink sink;

    /**
     * The standard output of {@code --json}, shared by the inputs of one run: one JSON object per line,
     * a newline between objects (the last one's newline is the caller's to write at the end).
     */
    static final class JsonSink {
        final OutputStream out;
        boolean any;

        JsonSink(OutputStream out) {
            this.out = out;
        }
    }

    ClassifyPipeline(ErrorClassifier classifier, boolean jsonl, int maxLineBytes, int top, int workers, PrintWriter err,
            JsonSink sink) {
        this(classifier, jsonl, maxLineBytes, top, workers, err, sink, ChunkReader.CHUNK_BYTES);
    }

    /** With chunks of {@code chunkBytes} (tests use small ones to cross many chunk boundaries). */
    ClassifyPipeline(ErrorClassifier classifier, boolean jsonl, int maxLineBytes, int top, int workers, PrintWriter err,
            JsonSink sink, int chunkBytes) {
        this.classifier = classifier;
        this.jsonl = jsonl;
        this.maxLineBytes = maxLineBytes;
        this.top = top;
        this.workers = workers;
        this.err = err;
        this.sink = sink;
        this.chunkBytes = chunkBytes;
    }

    /** A rejected line: its number within its chunk and why. */
    private record Rejection(int line, String reason) {
    }

    /** What a worker hands back for one chunk: its line count, its rejected lines and its JSON verdicts (or null). */
    private record ChunkResult(long index, int lines, List<Rejection> rejections, byte[] json) {
    }

    /** Classifies one input into a summary of its own (line numbers start at 1 in each input). */
    ClassifySummary run(String source, InputStream in) throws IOException {
        BlockingQueue<ChunkReader.Chunk> work = new ArrayBlockingQueue<>(workers * 2);
        BlockingQueue<byte[]> free = new LinkedBlockingQueue<>();
        Reporter reporter = new Reporter(source);
        // plain threads and classes rather than an executor and lambdas: fewer classes to load and
        // no method handles to spin at start-up
        WorkerThread[] threads = new WorkerThread[workers];
        for (int w = 0; w < workers; w++) {
            threads[w] = new WorkerThread(work, free, reporter);
            threads[w].start();
        }
        try {
            try {
                ChunkReader reader = new ChunkReader(in, maxLineBytes, free, workers * 2 + 2, chunkBytes);
                ChunkReader.Chunk chunk;
                // after a failure, reading on would only pile up chunks that can no longer be reported
                while (!failed(threads) && (chunk = reader.next()) != null) {
                    work.put(chunk);
                }
            } finally {
                work.put(END_OF_INPUT);
            }
            ClassifySummary summary = new ClassifySummary(top);
            for (WorkerThread t : threads) {
                t.join();
            }
            for (WorkerThread t : threads) {
                if (t.failure instanceof IOException e) {
                    throw e; // writing the output failed
                }
                if (t.failure != null) {
                    throw new IOException("classification failed: " + t.failure, t.failure);
                }
            }
            for (WorkerThread t : threads) {
                ClassifySummary s = t.worker.summary;
                s.mapSampleLines(reporter);
                summary.merge(s);
            }
            return summary;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            for (WorkerThread t : threads) {
                t.interrupt();
            }
            throw new IOException("interrupted", e);
        }
    }

    private static boolean failed(WorkerThread[] threads) {
        for (WorkerThread t : threads) {
            if (t.failure != null) {
                return true;
            }
        }
        return false;
    }

    /** Tells the workers that no chunk follows; each puts it back for the next. */
    private static final ChunkReader.Chunk END_OF_INPUT = new ChunkReader.Chunk(-1, new byte[0], 0, -1, false);

    /** Takes chunks until the end of the input; after a failure it still takes them, so the reader never waits forever. */
    private final class WorkerThread extends Thread {
        private final BlockingQueue<ChunkReader.Chunk> work;
        private final BlockingQueue<byte[]> free;
        private final Reporter reporter;
        final Worker worker = new Worker();
        volatile Throwable failure;

        WorkerThread(BlockingQueue<ChunkReader.Chunk> work, BlockingQueue<byte[]> free, Reporter reporter) {
            super("classify-worker");
            setDaemon(true);
            this.work = work;
            this.free = free;
            this.reporter = reporter;
        }

        @Override
        public void run() {
            try {
                while (true) {
                    ChunkReader.Chunk chunk = work.take();
                    if (chunk == END_OF_INPUT) {
                        work.put(END_OF_INPUT);
                        return;
                    }
                    if (failure == null) {
                        try {
                            reporter.done(worker.process(chunk));
                        } catch (Throwable t) {
                            failure = t;
                        }
                    }
                    if (chunk.pooled) {
                        free.add(chunk.data);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Where a worker's position (chunk index in the high 32 bits, line in chunk in the low) is in the input. */
    static long position(long chunk, int line) {
        return chunk << 32 | line;
    }

    /**
     * Prints rejected lines in input order as soon as every chunk before theirs is done, and keeps
     * each chunk's first line number for the samples.
     */
    private final class Reporter implements LongUnaryOperator {
        private final String source;
        private final TreeMap<Long, ChunkResult> waiting = new TreeMap<>();
        /** The first line number of each chunk, by chunk index. */
        private long[] firstLine = new long[64];
        private long nextChunk;
        private long linesBefore;

        Reporter(String source) {
            this.source = source;
        }

        synchronized void done(ChunkResult r) throws IOException {
            waiting.put(r.index(), r);
            ChunkResult next;
            boolean wrote = false;
            while ((next = waiting.remove(nextChunk)) != null) {
                if (nextChunk >= firstLine.length) {
                    firstLine = java.util.Arrays.copyOf(firstLine, firstLine.length * 2);
                }
                firstLine[(int) nextChunk] = linesBefore + 1;
                for (Rejection rej : next.rejections()) {
                    err.println("ecs-monitor classify: " + source + " line " + (linesBefore + rej.line()) + ": rejected: "
                            + rej.reason());
                }
                if (next.json() != null && next.json().length > 0) {
                    if (sink.any) {
                        sink.out.write('\n');
                    }
                    sink.out.write(next.json());
                    sink.any = true;
                    wrote = true;
                }
                linesBefore += next.lines();
                nextChunk++;
            }
            if (wrote) {
                sink.out.flush(); // a live pipe's verdicts come out as their lines come in
            }
        }

        /** The line number in the input of a worker's position. */
        @Override
        public synchronized long applyAsLong(long position) {
            return firstLine[(int) (position >>> 32)] + (position & 0xffffffffL) - 1;
        }
    }

    /** One worker's state: its summary, scanner and decoder. */
    private final class Worker {
        final ClassifySummary summary = new ClassifySummary(top);
        private final ByteArrayOutputStream jsonBytes = sink == null ? null : new ByteArrayOutputStream(1 << 16);
        private JsonGenerator json;
        private final JsonLineScanner scanner = new JsonLineScanner();
        private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);

        ChunkResult process(ChunkReader.Chunk chunk) throws IOException {
            if (sink != null) {
                jsonBytes.reset();
                json = ClassifyCommand.jsonGenerator(jsonBytes);
            }
            List<Rejection> rejections = List.of();
            byte[] b = chunk.data;
            int length = chunk.length;
            int line = 0;
            int start = 0;
            while (start < length) {
                line++;
                long position = position(chunk.index, line);
                String rejection;
                int end = jsonl && sink == null ? scanner.scan(b, start, length) : -1;
                if (end >= 0) {
                    rejection = scanned(end - start, position);
                } else {
                    int nl = Bytes.indexOf(b, start, length, (byte) '\n');
                    end = nl < 0 ? length : nl;
                    rejection = line(b, start, end, position);
                }
                if (rejection != null) {
                    rejections = add(rejections, new Rejection(line, rejection));
                }
                start = end + 1;
            }
            if (chunk.overlongBytes >= 0) {
                line++;
                rejections = add(rejections, new Rejection(line, tooLong(chunk.overlongBytes)));
            }
            byte[] verdicts = null;
            if (sink != null) {
                json.flush();
                verdicts = jsonBytes.toByteArray();
            }
            return new ChunkResult(chunk.index, line, rejections, verdicts);
        }

        private List<Rejection> add(List<Rejection> list, Rejection r) {
            summary.rejected();
            List<Rejection> l = list.isEmpty() ? new ArrayList<>() : list;
            l.add(r);
            return l;
        }

        /** Classifies the JSON line the scanner has just read; returns why it was rejected, or null. */
        private String scanned(int lineBytes, long position) {
            if (lineBytes > maxLineBytes) {
                return tooLong(lineBytes);
            }
            String message = scanner.message();
            if (message == null) {
                return "no \"message\" string field";
            }
            summary.add(message, classifier.classifyErrors(message), position);
            return null;
        }

        /**
         * Classifies the line {@code b[start, end)} (a plain-text line, or a JSON line the scanner
         * left to {@link JsonMessage}); returns why it was rejected, or null.
         */
        private String line(byte[] b, int start, int end, long position) throws IOException {
            if (end - start > maxLineBytes) {
                return tooLong(end - start);
            }
            if (end > start && b[end - 1] == '\r') {
                end--;
            }
            if (sink != null) {
                return verdict(b, start, end);
            }
            if (jsonl) {
                return slowJsonLine(b, start, end, position);
            }
            String message;
            if (Bytes.isAscii(b, start, end)) {
                message = new String(b, start, end - start, StandardCharsets.ISO_8859_1);
            } else {
                try {
                    message = decode(b, start, end);
                } catch (CharacterCodingException e) {
                    return notUtf8(e);
                }
            }
            summary.add(message, classifier.classifyErrors(message), position);
            return null;
        }

        /** Writes the line's JSON verdict by the rules of the single-threaded {@code --json}; returns why it was rejected, or null. */
        private String verdict(byte[] b, int start, int end) throws IOException {
            String text;
            if (Bytes.isAscii(b, start, end)) {
                text = new String(b, start, end - start, StandardCharsets.ISO_8859_1);
            } else {
                try {
                    text = decode(b, start, end);
                } catch (CharacterCodingException e) {
                    return notUtf8(e);
                }
            }
            if (!jsonl) {
                ClassifyCommand.writeVerdict(json, text, null, classifier.classify(text));
                return null;
            }
            ClassifyCommand.JsonLine parsed = ClassifyCommand.parseJsonLine(text);
            if (parsed == null) {
                return null;
            }
            if (parsed.rejection() != null) {
                return parsed.rejection();
            }
            ClassifyCommand.writeVerdict(json, parsed.message(), parsed.fields(), classifier.classify(parsed.message()));
            return null;
        }

        /** The line by the rules of the single-threaded reader: decode, skip blank, {@link JsonMessage}. */
        private String slowJsonLine(byte[] b, int start, int end, long position) {
            String text;
            try {
                text = decode(b, start, end);
            } catch (CharacterCodingException e) {
                return notUtf8(e);
            }
            if (text.isBlank()) {
                return null;
            }
            String message;
            try {
                message = JsonMessage.extract(text);
            } catch (JsonMessage.Invalid e) {
                return e.getMessage();
            }
            if (message == null) {
                return "no \"message\" string field";
            }
            summary.add(message, classifier.classifyErrors(message), position);
            return null;
        }

        private String decode(byte[] b, int start, int end) throws CharacterCodingException {
            CharBuffer chars = decoder.reset().decode(ByteBuffer.wrap(b, start, end - start));
            return chars.toString();
        }
    }

    private String tooLong(long bytes) {
        return "line is " + bytes + " bytes, over the limit of " + maxLineBytes + " bytes (raise it with --max-line-bytes)";
    }

    private static String notUtf8(CharacterCodingException e) {
        return "not valid UTF-8 (" + e.getMessage() + ")";
    }
}
