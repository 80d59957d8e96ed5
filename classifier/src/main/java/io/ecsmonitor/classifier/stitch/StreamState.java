package io.ecsmonitor.classifier.stitch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The open buffer of one stream, mutable and reused from event to event so that the hot path allocates
 * nothing for a line that is passed on alone. Lines {@code [0, confirmed)} make the event; the lines after
 * them are pending, each with its own timestamp and attachment in case it is passed on alone.
 */
final class StreamState<A> {

    final String streamKey;
    /**
     * The lines, {@code [0, size)} of this array. Only appended to; a full array is copied and a cleared one
     * replaced, never overwritten, so the {@link LinesView}s handed out in buffers stay as they were.
     */
    private String[] lines = new String[8];
    private int size;
    int confirmed;
    TracePhase phase;
    long firstTimestampMs;
    long lastTimestampMs;
    A attachment;
    boolean continued;
    int trailingBlanks;
    private long[] pendingTimestamps = new long[4];
    private Object[] pendingAttachments = new Object[4];
    /** UTF-8 bytes of all lines joined; counted only once a second line comes, -1 until then. */
    private int bytes = -1;

    StreamState(String streamKey) {
        this.streamKey = streamKey;
    }

    boolean isEmpty() {
        return size == 0;
    }

    int lineCount() {
        return size;
    }

    String line(int index) {
        return lines[index];
    }

    private void append(String line) {
        if (size == lines.length) {
            lines = Arrays.copyOf(lines, size * 2);
        }
        lines[size++] = line;
    }

    void open(String line, long timestampMs, A attachment, TracePhase phase, boolean continued) {
        append(line);
        confirmed = 1;
        this.phase = phase;
        firstTimestampMs = timestampMs;
        lastTimestampMs = timestampMs;
        this.attachment = attachment;
        this.continued = continued;
    }

    /** UTF-8 bytes of the joined message if {@code lineBytes} more were added with a separator. */
    int bytesWith(int lineBytes) {
        if (bytes < 0) {
            bytes = utf8Length(lines[0]);
        }
        return bytes + 1 + lineBytes;
    }

    /** Adds a line that belongs to the trace, and with it every pending line before it. */
    void confirm(String line, long timestampMs, int lineBytes) {
        add(line, timestampMs, lineBytes);
        confirmed = size;
        trailingBlanks = 0;
    }

    /** Adds a line that the next lines have yet to confirm. */
    void hold(String line, long timestampMs, A lineAttachment, int lineBytes) {
        int index = size - confirmed;
        if (index == pendingTimestamps.length) {
            pendingTimestamps = Arrays.copyOf(pendingTimestamps, index * 2);
            pendingAttachments = Arrays.copyOf(pendingAttachments, index * 2);
        }
        pendingTimestamps[index] = timestampMs;
        pendingAttachments[index] = lineAttachment;
        add(line, timestampMs, lineBytes);
    }

    private void add(String line, long timestampMs, int lineBytes) {
        bytes = bytesWith(lineBytes);
        append(line);
        lastTimestampMs = timestampMs;
    }

    long pendingTimestamp(int lineIndex) {
        return pendingTimestamps[lineIndex - confirmed];
    }

    @SuppressWarnings("unchecked")
    A pendingAttachment(int lineIndex) {
        return (A) pendingAttachments[lineIndex - confirmed];
    }

    /** The confirmed lines joined with '\n'; the line itself when there is one. */
    String message(int lineCount) {
        if (lineCount == 1) {
            return lines[0];
        }
        StringBuilder message = new StringBuilder(bytes);
        message.append(lines[0]);
        for (int i = 1; i < lineCount; i++) {
            message.append('\n').append(lines[i]);
        }
        return message.toString();
    }

    void clear() {
        Arrays.fill(pendingAttachments, 0, size - confirmed, null);
        lines = new String[8]; // buffers handed out may still view the old array
        size = 0;
        confirmed = 0;
        attachment = null;
        continued = false;
        trailingBlanks = 0;
        bytes = -1;
    }

    StreamBuffer<A> toBuffer() {
        List<StreamBuffer.PendingLine<A>> pending = size == confirmed ? List.of() : new ArrayList<>(size - confirmed);
        for (int i = confirmed; i < size; i++) {
            pending.add(new StreamBuffer.PendingLine<>(lines[i], pendingTimestamp(i), pendingAttachment(i)));
        }
        return new StreamBuffer<>(phase, new LinesView(lines, confirmed), firstTimestampMs, lastTimestampMs,
                attachment, continued, pending);
    }

    void restore(StreamBuffer<A> buffer) {
        List<String> restored = buffer.lines();
        open(restored.get(0), buffer.firstTimestampMs(), buffer.attachment(), buffer.phase(), buffer.continued());
        for (int i = 1; i < restored.size(); i++) {
            String line = restored.get(i);
            confirm(line, buffer.firstTimestampMs(), utf8Length(line));
        }
        for (StreamBuffer.PendingLine<A> line : buffer.pending()) {
            hold(line.line(), line.timestampMs(), line.attachment(), utf8Length(line.line()));
            trailingBlanks = TraceGrammar.isBlank(line.line()) ? trailingBlanks + 1 : 0;
        }
        lastTimestampMs = buffer.lastTimestampMs();
    }

    static int utf8Length(String s) {
        int n = s.length();
        int length = n;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                if (c < 0x800) {
                    length++;
                } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    length += 2; // four bytes for the pair's two chars
                    i++;
                } else {
                    length += 2;
                }
            }
        }
        return length;
    }
}
