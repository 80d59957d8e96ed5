package io.ecsmonitor.classifier.stitch;

import java.util.List;
import java.util.Objects;

/**
 * The open buffer of one log stream as a plain value, for a caller that keeps it in a state store
 * ({@link Stitcher#buffer(String)}, {@link Stitcher#restore(String, StreamBuffer)}). Jackson writes and
 * reads it as it is, given a serialisable attachment type.
 *
 * @param phase            where the buffer stands in its trace
 * @param lines            the lines that belong to the event, the first one opened it; never empty
 * @param firstTimestampMs the timestamp of the first line
 * @param lastTimestampMs  the timestamp of the latest line taken, pending ones included
 * @param attachment       what came with the first line, or null
 * @param continued        the buffer goes on with a trace cut at a limit
 * @param pending          lines taken after {@code lines} that the trace has yet to confirm (blank lines,
 *                         or an exception line after a logger line): if the trace ends instead, each is
 *                         passed on alone
 * @param <A>              the type of the attachment
 */
public record StreamBuffer<A>(
        TracePhase phase,
        List<String> lines,
        long firstTimestampMs,
        long lastTimestampMs,
        A attachment,
        boolean continued,
        List<PendingLine<A>> pending) {

    public StreamBuffer {
        Objects.requireNonNull(phase, "phase");
        lines = lines instanceof LinesView ? lines : List.copyOf(lines); // a view is immutable already
        pending = pending == null ? List.of() : List.copyOf(pending);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a stream buffer holds at least the line that opened it");
        }
    }

    /**
     * A line held in a buffer until the next line shows whether it belongs to the trace.
     *
     * @param line        the line as it came in
     * @param timestampMs its timestamp
     * @param attachment  what came with it, or null
     * @param <A>         the type of the attachment
     */
    public record PendingLine<A>(String line, long timestampMs, A attachment) {

        public PendingLine {
            Objects.requireNonNull(line, "line");
        }
    }
}
