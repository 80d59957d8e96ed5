package io.ecsmonitor.classifier.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecsmonitor.core.model.Category;
import io.ecsmonitor.core.model.ClassifiedEvent;
import io.ecsmonitor.core.topic.Topics;
import org.junit.jupiter.api.Test;

class ClassifiedEventSerializerTest {

    private static void assertSameBytesAsTheTopicSerde(ClassifiedEvent e) {
        byte[] expected = Topics.LOGS_CLASSIFIED.valueSerde().serializer().serialize("t", e);
        assertThat(new ClassifiedEventSerializer().serialize("t", e)).isEqualTo(expected);
    }

    @Test
    void shouldWriteTheSameBytesAsTheTopicSerdeForAFullEvent() {
        assertSameBytesAsTheTopicSerde(new ClassifiedEvent("api", "prod", "/ecs/api", "ecs/api/t1", "t1", "app",
                "37591234", 1_700_000_000_123L, 3, Category.CONNECTION_ERROR, "00ff00ff00ff00ff", 502,
                "ERROR \"quoted\" \\ tab\t ünïcødé \u0001 \uD83D\uDE00\n  at x.y(Z.java:1)"));
    }

    @Test
    void shouldLeaveOutNullFieldsLikeTheTopicSerde() {
        assertSameBytesAsTheTopicSerde(new ClassifiedEvent("api", null, "/ecs/api", "s", null, null, "1", -1, 1,
                null, null, 0, ""));
    }

    @Test
    void shouldWriteNothingForNull() {
        assertThat(new ClassifiedEventSerializer().serialize("t", null)).isNull();
    }
}
