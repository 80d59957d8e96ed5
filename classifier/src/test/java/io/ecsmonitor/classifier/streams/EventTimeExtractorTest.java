package io.ecsmonitor.classifier.streams;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EventTimeExtractorTest {

    private static final long MAX_FUTURE = 300_000;
    private static final long NOW = 1_790_000_000_000L;

    @Test
    void shouldTakeTheTimestampUpToTheLimitAheadOfTheIngestionTime() {
        assertThat(EventTimeExtractor.eventTime(NOW - 5_000, NOW, NOW + 60_000, MAX_FUTURE)).isEqualTo(NOW - 5_000);
        assertThat(EventTimeExtractor.eventTime(NOW + MAX_FUTURE, NOW, NOW, MAX_FUTURE)).isEqualTo(NOW + MAX_FUTURE);
    }

    @Test
    void shouldTakeTheIngestionTimeForATimestampFurtherAhead() {
        assertThat(EventTimeExtractor.eventTime(NOW + MAX_FUTURE + 1, NOW, NOW + 999_999, MAX_FUTURE)).isEqualTo(NOW);
        // microseconds written as milliseconds
        assertThat(EventTimeExtractor.eventTime(NOW * 1000, NOW, NOW, MAX_FUTURE)).isEqualTo(NOW);
    }

    @Test
    void shouldJudgeByTheClockWhenTheIngestionTimeIsUnknown() {
        // The Kinesis path carries no ingestion time: old events replayed keep their time, future ones do not.
        assertThat(EventTimeExtractor.eventTime(NOW - 86_400_000, 0, NOW, MAX_FUTURE)).isEqualTo(NOW - 86_400_000);
        assertThat(EventTimeExtractor.eventTime(NOW + 3_600_000, 0, NOW, MAX_FUTURE)).isEqualTo(NOW);
    }
}
