package io.ecsmonitor.classifier.stitch;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Joins the lines of a stack trace, which CloudWatch stores one event per line, back into one event, so
 * that one crash counts once. Lines are stitched within one log stream only; one instance handles many
 * streams. Not thread-safe; the consumer must not call back into the stitcher.
 *
 * <p>Each line that continues no trace is held until the stream's next line, which tells whether a trace
 * follows it (a logger line {@code ERROR Request failed} before {@code java.lang.IllegalStateException},
 * a {@code panic:} before its goroutines). A line that is not a continuation closes the open event. What
 * counts as a continuation is decided from a line's first characters: indentation, {@code Caused by:},
 * Go goroutine headers and frames, Python's final exception line, carets, and the like (see
 * {@link TracePhase}). An ordinary log record (a timestamp, a level, a JSON object, an access-log line)
 * never continues one.
 *
 * <p>Nothing is lost or reordered: every line comes out exactly once, unchanged, in its stream's input
 * order, either alone or joined with {@code \n} to the lines before it. Lines that only might belong to a
 * trace (blank lines, an exception line after a logger line) are held until the next line tells, and
 * come out alone if it does not continue the trace. An event closes when a line does not continue it,
 * when its stream has been quiet for {@link StitchConfig#quietMs()} (measured between a stream's own
 * lines, or to the clock given to {@link #flushIdle(long)}), and at {@link #flushAll()}. An event that
 * would pass {@link StitchConfig#maxLines()} or {@link StitchConfig#maxBytes()} comes out
 * {@link StitchedEvent#truncated() truncated}, and the trace goes on in a
 * {@link StitchedEvent#continued() continued} event. A line that already holds newlines (a CloudWatch
 * event that is itself multi-line) is taken as one line and judged by its first characters.
 *
 * @param <A> the type of the attachment that the caller passes with each line and gets back with the
 *            first line of each event, such as the original record's fields
 */
public final class Stitcher<A> {

    private final StitchConfig config;
    private final Consumer<? super StitchedEvent<A>> out;
    private final Map<String, StreamState<A>> streams = new HashMap<>();

    public Stitcher(StitchConfig config, Consumer<? super StitchedEvent<A>> out) {
        this.config = Objects.requireNonNull(config, "config");
        this.out = Objects.requireNonNull(out, "out");
    }

    /** Same as {@link #accept(String, long, String, Object)} with no attachment. */
    public void accept(String streamKey, long timestampMs, String line) {
        accept(streamKey, timestampMs, line, null);
    }

    /**
     * Takes the next line of a stream; emits the events that it closes.
     *
     * @param streamKey   the log stream, such as {@code logGroup + '/' + logStream}
     * @param timestampMs the line's event time
     * @param line        one log event's message, without a trailing newline
     * @param attachment  anything the caller wants back with the event that this line opens, or null
     */
    public void accept(String streamKey, long timestampMs, String line, A attachment) {
        Objects.requireNonNull(streamKey, "streamKey");
        Objects.requireNonNull(line, "line");
        boolean blank = TraceGrammar.isBlank(line);
        TracePhase opens = null;
        StreamState<A> stream = streams.get(streamKey);
        if (stream != null && !stream.isEmpty()) {
            if (timestampMs - stream.lastTimestampMs < config.quietMs()) {
                if (blank) {
                    if (stream.phase.bridgesBlankLines() && stream.trailingBlanks < TraceGrammar.MAX_BRIDGED_BLANKS) {
                        take(stream, timestampMs, line, attachment, stream.phase, false);
                        stream.trailingBlanks++;
                        return;
                    }
                } else {
                    TracePhase next = TraceGrammar.continuation(stream.phase, stream.trailingBlanks > 0, line);
                    if (next != null) {
                        take(stream, timestampMs, line, attachment, next, true);
                        return;
                    }
                    opens = TraceGrammar.openingPhase(line);
                    if (stream.phase == TracePhase.LINE && opens.followsLoggerLine()
                            && TraceGrammar.invitesTrace(stream.line(0))) {
                        take(stream, timestampMs, line, attachment, opens, false);
                        return;
                    }
                }
            }
            release(stream);
        }
        if (blank) {
            out.accept(new StitchedEvent<>(streamKey, timestampMs, line, 1, attachment, false, false));
            return;
        }
        if (stream == null) {
            stream = new StreamState<>(streamKey);
            streams.put(streamKey, stream);
        }
        stream.open(line, timestampMs, attachment, opens != null ? opens : TraceGrammar.openingPhase(line), false);
    }

    /**
     * Closes the events of the streams that have had no line for {@link StitchConfig#quietMs()} before
     * {@code nowMs}, and forgets those streams, so that only active streams take memory; call it
     * regularly (a punctuation). {@code nowMs} must be on the clock of the timestamps given to
     * {@link #accept}: event time, or wall-clock time if those are arrival times.
     */
    public void flushIdle(long nowMs) {
        Iterator<StreamState<A>> it = streams.values().iterator();
        while (it.hasNext()) {
            StreamState<A> stream = it.next();
            if (stream.isEmpty()) {
                it.remove();
            } else if (nowMs - stream.lastTimestampMs >= config.quietMs()) {
                release(stream);
                it.remove();
            }
        }
    }

    /** Closes every open event: the end of the input. */
    public void flushAll() {
        for (StreamState<A> stream : streams.values()) {
            release(stream);
        }
        streams.clear();
    }

    /** How many streams hold lines not yet emitted. */
    public int openStreams() {
        int open = 0;
        for (StreamState<A> stream : streams.values()) {
            if (!stream.isEmpty()) {
                open++;
            }
        }
        return open;
    }

    /** The lines that a stream holds, as a value that can be stored; empty when it holds none. */
    public Optional<StreamBuffer<A>> buffer(String streamKey) {
        StreamState<A> stream = streams.get(streamKey);
        return stream == null || stream.isEmpty() ? Optional.empty() : Optional.of(stream.toBuffer());
    }

    /**
     * Puts back a buffer taken with {@link #buffer(String)}, for example from a state store after a
     * restart; the stream goes on as if it had never stopped.
     *
     * @throws IllegalStateException when the stream already holds lines, which would be lost
     */
    public void restore(String streamKey, StreamBuffer<A> buffer) {
        Objects.requireNonNull(buffer, "buffer");
        StreamState<A> stream = streams.computeIfAbsent(streamKey, StreamState::new);
        if (!stream.isEmpty()) {
            throw new IllegalStateException("stream " + streamKey + " already holds " + stream.lineCount()
                    + " lines; restore a stream's buffer before giving it lines");
        }
        stream.restore(buffer);
    }

    /**
     * Drops what a stream holds without emitting it: for a caller whose stored buffer of the stream is the
     * truth, after that buffer moved on without this stitcher (it is then {@linkplain #restore restored}).
     */
    public void forget(String streamKey) {
        streams.remove(streamKey);
    }

    /** Forgets every stream, as {@link #forget(String)} does one. */
    public void forgetAll() {
        streams.clear();
    }

    private void take(StreamState<A> stream, long timestampMs, String line, A attachment, TracePhase next,
            boolean confirms) {
        int lineBytes = StreamState.utf8Length(line);
        if (stream.lineCount() >= config.maxLines() || stream.bytesWith(lineBytes) > config.maxBytes()) {
            emit(stream, stream.lineCount(), true);
            stream.clear();
            stream.open(line, timestampMs, attachment, next, true);
        } else if (confirms) {
            stream.confirm(line, timestampMs, lineBytes);
        } else {
            stream.hold(line, timestampMs, attachment, lineBytes);
        }
        stream.phase = next;
    }

    /** Emits the confirmed lines as one event and each pending line alone; leaves the stream empty. */
    private void release(StreamState<A> stream) {
        if (stream.isEmpty()) {
            return;
        }
        emit(stream, stream.confirmed, false);
        for (int i = stream.confirmed, n = stream.lineCount(); i < n; i++) {
            out.accept(new StitchedEvent<>(stream.streamKey, stream.pendingTimestamp(i), stream.line(i), 1,
                    stream.pendingAttachment(i), false, false));
        }
        stream.clear();
    }

    private void emit(StreamState<A> stream, int lineCount, boolean truncated) {
        out.accept(new StitchedEvent<>(stream.streamKey, stream.firstTimestampMs, stream.message(lineCount),
                lineCount, stream.attachment, truncated, stream.continued));
    }
}
