package io.ecsmonitor.classifier.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecsmonitor.classifier.stitch.StreamBuffer;
import io.ecsmonitor.classifier.stitch.TracePhase;
import io.ecsmonitor.core.model.Category;
import java.util.List;
import org.junit.jupiter.api.Test;

class StitchStoreWritesTest {

    private static final StreamState CLOSED = new StreamState(null, 1_000, 60_000, false, List.of());

    @Test
    void shouldSkipTheWriteOfALineReleasedAtOnceByAClosedStream() {
        StreamState after = CLOSED.withBuffer(null, 9_999, 60_000 + 59_999);

        assertThat(StitchClassifyProcessor.unchangedForTheStore(CLOSED, after)).isTrue();
    }

    @Test
    void shouldWriteANewStreamAnOpenTraceNewEvidenceAndAnEventTimeAMinuteLater() {
        StreamBuffer<LineMeta> open = new StreamBuffer<>(TracePhase.TRACE, List.of("Exception"), 1, 1, null, false,
                List.of());

        assertThat(StitchClassifyProcessor.unchangedForTheStore(null, CLOSED)).isFalse();
        assertThat(StitchClassifyProcessor.unchangedForTheStore(CLOSED, CLOSED.withBuffer(open, 2_000, 60_000)))
                .isFalse();
        assertThat(StitchClassifyProcessor.unchangedForTheStore(CLOSED.withBuffer(open, 2_000, 60_000), CLOSED))
                .isFalse();
        assertThat(StitchClassifyProcessor.unchangedForTheStore(CLOSED, new StreamState(null, 1_000, 60_000, true,
                List.of(new StreamState.ErrorLine(Category.OOM, "OOMKilled"))))).isFalse();
        assertThat(StitchClassifyProcessor.unchangedForTheStore(CLOSED, CLOSED.withBuffer(null, 1_000, 120_000)))
                .isFalse();
    }
}
