package io.ecsmonitor.classifier.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RecentEventIdsTest {

    private static final long HOUR = 3_600_000;
    private static final long T = 1_795_000_000_000L;

    private final KeyValueStore<String, EventIdBatch> store = Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore("ids"), Serdes.String(), InternalSerdes.EVENT_ID_BATCH)
            .withLoggingDisabled().build();

    RecentEventIdsTest() {
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void shouldKnowAnIdWithinTheWindowAndForgetItAfter() {
        RecentEventIds ids = new RecentEventIds(store, HOUR);
        ids.add("s1", "e1", T);

        assertThat(ids.seen("e1", T)).isTrue();
        assertThat(ids.seen("e1", T + HOUR)).isTrue();
        assertThat(ids.seen("e1", T - HOUR)).isTrue();
        assertThat(ids.seen("e1", T + HOUR + 1)).isFalse();
        assertThat(ids.seen("e2", T)).isFalse();
    }

    @Test
    void shouldKeepEveryIdOfAStreamInBatchesOfAtMost32() {
        RecentEventIds ids = new RecentEventIds(store, HOUR);
        for (int i = 0; i < 100; i++) {
            ids.add("s1", "e" + i, T + i);
            ids.add("s2", "f" + i, T + i);
        }
        assertThat(all()).isEmpty(); // nothing is written before the commit
        ids.writeBack();

        List<KeyValue<String, EventIdBatch>> batches = all();
        assertThat(batches).hasSize(2 * 4);
        assertThat(batches).allSatisfy(kv -> assertThat(kv.value.size()).isBetween(1, RecentEventIds.BATCH_SIZE));
        assertThat(batches.stream().mapToInt(kv -> kv.value.size()).sum()).isEqualTo(200);
        for (int i = 0; i < 100; i++) {
            assertThat(ids.seen("e" + i, T)).isTrue();
            assertThat(ids.seen("f" + i, T)).isTrue();
        }
    }

    @Test
    void shouldAnswerTheSameAfterRebuildingFromTheStore() {
        RecentEventIds before = new RecentEventIds(store, HOUR);
        for (int i = 0; i < 70; i++) {
            before.add("s" + (i % 3), "e" + i, T + i * 1000L);
        }
        before.writeBack();

        RecentEventIds after = new RecentEventIds(store, HOUR); // a restored task: only the store is left
        after.load();
        for (int i = 0; i < 70; i++) {
            assertThat(after.seen("e" + i, T + i * 1000L)).as("e" + i).isTrue();
        }
        assertThat(after.seen("e70", T)).isFalse();
        after.add("s0", "e70", T + 70_000);
        after.writeBack();
        assertThat(after.seen("e70", T + 70_000)).isTrue();
        assertThat(all()).extracting(kv -> kv.key).doesNotHaveDuplicates().hasSize(all().size());
        assertThat(all().stream().mapToInt(kv -> kv.value.size()).sum()).isEqualTo(71);
    }

    @Test
    void shouldNeverTakeDistinctIdsWithTheSameHashForDuplicates() {
        RecentEventIds ids = new RecentEventIds(store, HOUR, id -> 42L);
        ids.add("s1", "a", T);
        ids.add("s1", "b", T);
        ids.add("s2", "c", T);
        ids.writeBack();

        assertThat(ids.seen("a", T)).isTrue();
        assertThat(ids.seen("b", T)).isTrue();
        assertThat(ids.seen("c", T)).isTrue();
        assertThat(ids.seen("d", T)).isFalse();

        RecentEventIds reloaded = new RecentEventIds(store, HOUR, id -> 42L);
        reloaded.load();
        assertThat(reloaded.seen("a", T)).isTrue();
        assertThat(reloaded.seen("b", T)).isTrue();
        assertThat(reloaded.seen("c", T)).isTrue();
        assertThat(reloaded.seen("d", T)).isFalse();
    }

    @Test
    void shouldDeleteBatchesOnceTheirNewestEventLeftTheWindow() {
        RecentEventIds ids = new RecentEventIds(store, HOUR);
        for (int i = 0; i < 40; i++) {
            ids.add("old", "o" + i, T + i);
        }
        ids.add("new", "n0", T + 2 * HOUR);
        ids.writeBack();
        ids.add("new", "n1", T + 2 * HOUR + HOUR / 30);
        ids.writeBack();

        assertThat(all()).extracting(kv -> kv.key).allSatisfy(k -> assertThat(k).startsWith("new"));
        assertThat(ids.size()).isEqualTo(2);
        assertThat(ids.seen("o1", T + 1)).isFalse();
        assertThat(ids.seen("n0", T + 2 * HOUR)).isTrue();
    }

    @Test
    void shouldTakeAnIdSeenAgainAfterTheWindowAsNewAndRememberItsNewTime() {
        RecentEventIds ids = new RecentEventIds(store, 10_000);
        ids.add("s1", "e1", T);
        assertThat(ids.seen("e1", T + 20_000)).isFalse();
        ids.add("s1", "e1", T + 20_000);
        ids.writeBack();

        assertThat(ids.seen("e1", T + 25_000)).isTrue();
        RecentEventIds reloaded = new RecentEventIds(store, 10_000);
        reloaded.load();
        assertThat(reloaded.seen("e1", T + 25_000)).isTrue();
    }

    private List<KeyValue<String, EventIdBatch>> all() {
        List<KeyValue<String, EventIdBatch>> l = new ArrayList<>();
        try (KeyValueIterator<String, EventIdBatch> it = store.all()) {
            it.forEachRemaining(l::add);
        }
        return l;
    }
}
