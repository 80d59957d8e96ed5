package io.ecsmonitor.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecsmonitor.core.topic.Topics;
import org.junit.jupiter.api.Test;

class SilenceTest {

    private static Silence silence(String services, long startsAt, long endsAt) {
        return new Silence("s-1", services, startsAt, endsAt, "failover", "alice", startsAt);
    }

    @Test
    void shouldMatchAServiceByNameOrPatternIgnoringCase() {
        assertThat(silence("api", 0, 1).matches("api")).isTrue();
        assertThat(silence("api", 0, 1).matches("API")).isTrue();
        assertThat(silence("api", 0, 1).matches("api-v2")).isFalse();
        assertThat(silence("checkout-*", 0, 1).matches("checkout-worker")).isTrue();
        assertThat(silence("checkout-*", 0, 1).matches("checkout")).isFalse();
        assertThat(silence("*-worker", 0, 1).matches("billing-worker")).isTrue();
        assertThat(silence("*-worker", 0, 1).matches("billing-workers")).isFalse();
        assertThat(silence("a*b*c", 0, 1).matches("a.xb.c")).isTrue();
        assertThat(silence("*", 0, 1).matches("_endpoints")).isTrue();
        // Pattern characters other than * are literal.
        assertThat(silence("a.c", 0, 1).matches("abc")).isFalse();
    }

    @Test
    void shouldBeActiveFromItsStartUntilJustBeforeItsEnd() {
        Silence s = silence("api", 1_000, 2_000);
        assertThat(s.activeAt(999)).isFalse();
        assertThat(s.activeAt(1_000)).isTrue();
        assertThat(s.activeAt(1_999)).isTrue();
        assertThat(s.activeAt(2_000)).isFalse();
    }

    @Test
    void shouldRoundTripThroughTheCompactedTopicsSerde() {
        Silence s = silence("api", 1_000, 2_000);
        byte[] bytes = Topics.SILENCES.valueSerde().serializer().serialize("t", s);
        assertThat(new String(bytes)).doesNotContain("valid");
        assertThat(Topics.SILENCES.valueSerde().deserializer().deserialize("t", bytes)).isEqualTo(s);
        assertThat(Topics.SILENCES.compacted()).isTrue();
        assertThat(s.isValid()).isTrue();
        assertThat(silence("api", 2_000, 2_000).isValid()).isFalse();
        assertThat(silence(" ", 0, 1).isValid()).isFalse();
    }
}
