package io.ecsmonitor.classifier.streams;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.ecsmonitor.classifier.stitch.StreamBuffer;
import io.ecsmonitor.classifier.stitch.TracePhase;
import java.util.List;

/**
 * The stitch store's value for one log stream: {@link StreamState} without the lines of its open trace,
 * which live in {@link ClassifierTopology#STITCH_LINES_STORE} under one key each, so that a new line of a
 * long trace is one small write instead of a rewrite of the whole trace.
 *
 * @param head           the open trace without its lines, or null
 * @param lastAppendWall wall-clock time the last line arrived
 * @param lastEventMs    event time of the last line
 * @param crashSeen      a crash-tier error was seen since the stream's last start-up banner
 * @param lastErrors     the last error lines of the stream, newest last
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record StoredStream(Head head, long lastAppendWall, long lastEventMs, boolean crashSeen,
                    List<StreamState.ErrorLine> lastErrors) {

    /**
     * A {@link StreamBuffer} without its lines.
     *
     * @param phase            where the trace stands
     * @param lines            how many lines it holds
     * @param firstTimestampMs timestamp of its first line
     * @param lastTimestampMs  timestamp of its latest line
     * @param attachment       what came with its first line
     * @param continued        it goes on with a trace cut at a limit
     * @param pending          lines not yet confirmed (few), kept inline
     */
    record Head(TracePhase phase, int lines, long firstTimestampMs, long lastTimestampMs, LineMeta attachment,
                boolean continued, List<StreamBuffer.PendingLine<LineMeta>> pending) {
    }

    static Head head(StreamBuffer<LineMeta> b) {
        return b == null ? null : new Head(b.phase(), b.lines().size(), b.firstTimestampMs(), b.lastTimestampMs(),
                b.attachment(), b.continued(), b.pending());
    }

    static StoredStream of(StreamState s) {
        return new StoredStream(head(s.buffer()), s.lastAppendWall(), s.lastEventMs(), s.crashSeen(), s.lastErrors());
    }
}
