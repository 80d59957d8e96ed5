package io.ecsmonitor.classifier.streams;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.ecsmonitor.classifier.stitch.StreamBuffer;
import io.ecsmonitor.core.model.Category;
import java.util.List;

/**
 * The stitch store's value for one log stream: the open trace and what restart detection needs to
 * remember about the stream.
 *
 * @param buffer         the lines not yet released by the stitcher, or null
 * @param lastAppendWall wall-clock time the last line arrived, for the wall-clock flush
 * @param lastEventMs    event time of the last line
 * @param crashSeen      a crash-tier error (oom, panic, fatal) was seen since the stream's last start-up banner
 * @param lastErrors     the last error lines of the stream, redacted, newest last
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record StreamState(StreamBuffer<LineMeta> buffer, long lastAppendWall, long lastEventMs, boolean crashSeen,
                   List<ErrorLine> lastErrors) {

    StreamState {
        lastErrors = lastErrors == null ? List.of() : List.copyOf(lastErrors);
    }

    static final StreamState EMPTY = new StreamState(null, 0, 0, false, List.of());

    StreamState withBuffer(StreamBuffer<LineMeta> b, long wall, long eventMs) {
        return new StreamState(b, wall, eventMs, crashSeen, lastErrors);
    }

    /**
     * An error line kept as restart evidence.
     *
     * @param category its category
     * @param text     its redacted, shortened text
     */
    record ErrorLine(Category category, String text) {
    }

    /** The most important category of {@code lines}, or null. */
    static Category mostImportant(List<ErrorLine> lines) {
        Category c = null;
        for (ErrorLine l : lines) {
            c = Category.first(c, l.category());
        }
        return c;
    }
}
