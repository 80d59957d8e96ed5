package io.ecsmonitor.classifier.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecsmonitor.classifier.stitch.StreamBuffer;
import io.ecsmonitor.classifier.stitch.TracePhase;
import io.ecsmonitor.core.model.Category;
import io.ecsmonitor.core.model.ServiceStats;
import io.ecsmonitor.core.serde.JsonSerde;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class InternalSerdesTest {

    private static final LineMeta META = new LineMeta("api", null, "/ecs/api", "ecs/api/t1", "t1", "app", "3759");

    private static <T> T roundTrip(Serde<T> serde, T value) {
        return serde.deserializer().deserialize("t", serde.serializer().serialize("t", value));
    }

    @Test
    void shouldReadBackEveryFieldOfAnObservation() {
        Observation full = new Observation("api", "prod", "ecs/api/t1", "t1", "app", 1_700_000_000_123L, false,
                Category.OOM, "00ff00ff00ff00ff", 5, "Out of memory: Killed process 42 (java) — ünïcødé",
                List.of(new StreamState.ErrorLine(Category.PANIC, "panic: boom")));
        Observation sparse = new Observation("api", null, "s", null, null, -5, true, null, null, 0, null, null);

        assertThat(roundTrip(InternalSerdes.OBSERVATION, full)).isEqualTo(full);
        assertThat(roundTrip(InternalSerdes.OBSERVATION, sparse)).isEqualTo(sparse);
    }

    @Test
    void shouldReadBackDeltasFactsAndTheObservationsOfAnEarlierVersionFromTheRepartitionTopic() {
        Observation o = new Observation("api", "prod", "ecs/api/t1", "t1", "app", 1_700_000_000_123L, false,
                Category.OOM, "00ff00ff00ff00ff", 5, "Out of memory", null);
        DeltaBuilder b = new DeltaBuilder("api", 1_700_000_000_000L, 1_700_000_060_000L, 5);
        b.add(o);
        b.add(new Observation("api", "prod", "ecs/api/t2", "t2", "app", 1_700_000_000_200L, true, null, null, 2, null, null));
        ServiceDelta d = b.build();

        assertThat(roundTrip(InternalSerdes.BY_SERVICE, ByService.of(d))).isEqualTo(ByService.of(d));
        assertThat(roundTrip(InternalSerdes.BY_SERVICE, ByService.fact(o))).isEqualTo(ByService.fact(o));
        byte[] earlier = InternalSerdes.OBSERVATION.serializer().serialize("t", o);
        assertThat(InternalSerdes.BY_SERVICE.deserializer().deserialize("t", earlier))
                .isEqualTo(new ByService(o, false, null));
        byte[] earlierJson = JsonSerde.of(Observation.class).serializer().serialize("t", o);
        assertThat(InternalSerdes.BY_SERVICE.deserializer().deserialize("t", earlierJson))
                .isEqualTo(new ByService(o, false, null));
    }

    @Test
    void shouldReadBackAStoredStreamWithAndWithoutAnOpenTrace() {
        StoredStream open = new StoredStream(new StoredStream.Head(TracePhase.PY_TRACEBACK, 12, 100, 250, META, true,
                List.of(new StreamBuffer.PendingLine<>("", 251, META), new StreamBuffer.PendingLine<>("x", 252, null))),
                9_999, 250, true, List.of(new StreamState.ErrorLine(Category.FATAL, "fatal error: x")));
        StoredStream closed = new StoredStream(null, 1, 2, false, List.of());

        assertThat(roundTrip(InternalSerdes.STORED_STREAM, open)).isEqualTo(open);
        assertThat(roundTrip(InternalSerdes.STORED_STREAM, closed)).isEqualTo(closed);
    }

    @Test
    void shouldReadBackAServiceHistoryAndServiceStats() {
        ServiceHistory h = new ServiceHistory(10, Map.of("t1", 10L, "t2", 99L), "t2", "ecs/api/t2",
                List.of(new StreamState.ErrorLine(Category.OOM, "OOMKilled")), List.of(50L, 60L));
        Map<Category, Long> categories = new EnumMap<>(Category.class);
        categories.put(Category.TIMEOUT, 3L);
        ServiceStats s = new ServiceStats("api", 60_000, 120_000, 40, 3, categories, new TreeMap<>(Map.of("2xx", 30L)),
                5, new TreeMap<>(Map.of("5xx", 5L)),
                List.of(new ServiceStats.FingerprintCount("abc", Category.TIMEOUT, 3, null)), 119_000);

        assertThat(roundTrip(InternalSerdes.SERVICE_HISTORY, h)).isEqualTo(h);
        assertThat(roundTrip(InternalSerdes.SERVICE_STATS, s)).isEqualTo(s);
    }

    @Test
    void shouldStillReadTheJsonThatEarlierVersionsStored() {
        StoredStream stream = new StoredStream(new StoredStream.Head(TracePhase.TRACE, 2, 1, 2, META, false, List.of()),
                3, 2, false, List.of(new StreamState.ErrorLine(Category.EXCEPTION, "java.lang.IllegalStateException")));
        byte[] json = JsonSerde.of(StoredStream.class).serializer().serialize("t", stream);

        assertThat(InternalSerdes.STORED_STREAM.deserializer().deserialize("t", json)).isEqualTo(stream);
    }

    @Test
    void shouldRefuseATruncatedValueWithASerializationException() {
        byte[] bytes = InternalSerdes.OBSERVATION.serializer().serialize("t",
                new Observation("api", null, "s", null, null, 1, false, null, null, 0, null, null));
        byte[] cut = java.util.Arrays.copyOf(bytes, bytes.length - 3);

        assertThatThrownBy(() -> InternalSerdes.OBSERVATION.deserializer().deserialize("t", cut))
                .isInstanceOf(SerializationException.class);
    }
}
