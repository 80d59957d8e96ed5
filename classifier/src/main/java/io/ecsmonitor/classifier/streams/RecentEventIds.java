package io.ecsmonitor.classifier.streams;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The event ids a task saw within the dedup window, exactly, without a store write per event.
 *
 * <p>The store ({@link ClassifierTopology#DEDUP_STORE}, changelogged) is the truth: ids are appended to an
 * open {@link EventIdBatch} of their log stream, up to {@link #BATCH_SIZE} ids, whose key is the stream and a
 * task-wide batch number. The batches that changed are written by {@link #writeBack()}, which the processor
 * runs just before each commit ({@link PreCommitStore}): about one changelog record per active stream and
 * commit, in the same transaction as the input offsets they follow. A batch is deleted once its newest
 * event time is older than the observed event time minus the window.
 *
 * <p>Lookups go to an index in memory, rebuilt from the store by {@link #load()} (Kafka Streams
 * re-initialises the processor whenever it restores or rolls back the store): a 64-bit hash of each id to
 * the batch that holds it (16 bytes a slot, at most 60 % full), checked against the batch's ids on a hit,
 * so a hash collision never drops an event: ids whose hash another id already holds are kept by name.
 */
final class RecentEventIds {

    /** Most ids per batch: bounds the bytes rewritten by each append. */
    static final int BATCH_SIZE = 32;

    private final KeyValueStore<String, EventIdBatch> store;
    private final long windowMs;
    private final ToLongFunction<String> hash;
    private final LongLongTable index = new LongLongTable();
    /** Ids whose hash slot holds another id: id to {event time, batch}. */
    private final Map<String, long[]> collided = new HashMap<>();
    private final Map<Long, Batch> batches = new HashMap<>();
    /** Each stream's batch that is still being filled. */
    private final Map<String, Batch> open = new HashMap<>();
    /** Batches changed since the last {@link #writeBack()}. */
    private final java.util.Set<Batch> changed = new java.util.LinkedHashSet<>();
    private long nextSeq;
    private long observedMs = Long.MIN_VALUE;
    private long lastExpiry = Long.MIN_VALUE;

    RecentEventIds(KeyValueStore<String, EventIdBatch> store, long windowMs) {
        this(store, windowMs, RecentEventIds::hash64);
    }

    RecentEventIds(KeyValueStore<String, EventIdBatch> store, long windowMs, ToLongFunction<String> hash) {
        this.store = store;
        this.windowMs = windowMs;
        this.hash = hash;
    }

    /** Forgets what is in memory and rebuilds it from the store. */
    void load() {
        index.clear();
        collided.clear();
        changed.clear();
        batches.clear();
        open.clear();
        nextSeq = 0;
        observedMs = Long.MIN_VALUE;
        lastExpiry = Long.MIN_VALUE;
        List<Object[]> loaded = new ArrayList<>();
        try (KeyValueIterator<String, EventIdBatch> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<String, EventIdBatch> kv = it.next();
                if (kv.value == null) {
                    continue;
                }
                long seq = seqOf(kv.key);
                Batch b = new Batch(seq, kv.key, BATCH_SIZE);
                for (int i = 0; i < kv.value.size(); i++) {
                    b.append(kv.value.ids()[i], kv.value.timestamps()[i]);
                }
                b.ids = null; // read back from the store when needed, like any closed batch
                b.timestamps = null;
                batches.put(seq, b);
                nextSeq = Math.max(nextSeq, seq + 1);
                observedMs = Math.max(observedMs, b.maxTs);
                loaded.add(new Object[] {seq, kv.value});
            }
        }
        loaded.sort((x, y) -> Long.compare((Long) x[0], (Long) y[0]));
        for (Object[] l : loaded) {
            EventIdBatch v = (EventIdBatch) l[1];
            for (int i = 0; i < v.size(); i++) {
                remember(v.ids()[i], v.timestamps()[i], (Long) l[0]);
            }
        }
    }

    /** Whether {@code eventId} was seen with an event time within the window of {@code ts}. */
    boolean seen(String eventId, long ts) {
        long[] c = collided.get(eventId);
        if (c != null && Math.abs(c[0] - ts) <= windowMs) {
            return true;
        }
        long seq = index.get(slotKey(eventId));
        if (seq < 0) {
            return false;
        }
        long at = timestampIn(seq, eventId);
        return at != Long.MIN_VALUE && Math.abs(at - ts) <= windowMs;
    }

    /** Records {@code eventId} of log stream {@code stream}; writes the stream's open batch. */
    void add(String stream, String eventId, long ts) {
        Batch b = open.get(stream);
        if (b == null || b.size == BATCH_SIZE) {
            b = new Batch(nextSeq++, batchKey(stream, nextSeq - 1), BATCH_SIZE);
            open.put(stream, b);
            batches.put(b.seq, b);
        }
        b.append(eventId, ts);
        changed.add(b);
        remember(eventId, ts, b.seq);
        observedMs = Math.max(observedMs, ts);
        if (lastExpiry == Long.MIN_VALUE) {
            lastExpiry = observedMs;
        } else if (observedMs - lastExpiry >= Math.max(1, windowMs / 60)) {
            lastExpiry = observedMs;
            expire(observedMs - windowMs);
        }
    }

    /** Writes the batches that changed since the last call; a full one is then read from the store. */
    void writeBack() {
        for (Batch b : changed) {
            if (batches.get(b.seq) != b) {
                continue; // expired meanwhile
            }
            store.put(b.key, b.value());
            if (b.size == BATCH_SIZE) {
                b.ids = null;
                b.timestamps = null;
            }
        }
        changed.clear();
    }

    /** How many ids the index holds (by hash or by name). */
    int size() {
        return index.size() + collided.size();
    }

    private void remember(String eventId, long ts, long seq) {
        long[] c = collided.get(eventId);
        if (c != null) {
            c[0] = ts;
            c[1] = seq;
            return;
        }
        long slot = slotKey(eventId);
        long prev = index.get(slot);
        if (prev < 0 || prev == seq || timestampIn(prev, eventId) != Long.MIN_VALUE) {
            index.put(slot, seq); // new, or the same id again: its newest batch answers
        } else {
            collided.put(eventId, new long[] {ts, seq});
        }
    }

    /** Deletes the batches whose newest event time is before {@code horizon}, and their ids. */
    private void expire(long horizon) {
        List<Batch> old = new ArrayList<>();
        for (Batch b : batches.values()) {
            if (b.maxTs < horizon) {
                old.add(b);
            }
        }
        for (Batch b : old) {
            EventIdBatch v = b.ids != null ? b.value() : store.get(b.key);
            if (v != null) {
                for (int i = 0; i < v.size(); i++) {
                    String id = v.ids()[i];
                    long slot = slotKey(id);
                    if (index.get(slot) == b.seq) {
                        index.remove(slot);
                    }
                    long[] c = collided.get(id);
                    if (c != null && c[1] == b.seq) {
                        collided.remove(id);
                    }
                }
            }
            store.delete(b.key);
            batches.remove(b.seq);
            changed.remove(b);
            String stream = streamOf(b.key);
            if (open.get(stream) == b) {
                open.remove(stream);
            }
        }
    }

    /** The newest event time of {@code eventId} in batch {@code seq}, or {@code Long.MIN_VALUE}. */
    private long timestampIn(long seq, String eventId) {
        Batch b = batches.get(seq);
        if (b == null) {
            return Long.MIN_VALUE;
        }
        String[] ids;
        long[] ts;
        int n;
        if (b.ids != null) {
            ids = b.ids;
            ts = b.timestamps;
            n = b.size;
        } else {
            EventIdBatch v = store.get(b.key);
            if (v == null) {
                return Long.MIN_VALUE;
            }
            ids = v.ids();
            ts = v.timestamps();
            n = v.size();
        }
        for (int i = n - 1; i >= 0; i--) {
            if (ids[i].equals(eventId)) {
                return ts[i];
            }
        }
        return Long.MIN_VALUE;
    }

    private long slotKey(String eventId) {
        long h = hash.applyAsLong(eventId);
        return h == LongLongTable.EMPTY ? 1 : h;
    }

    /** The store key of a batch: the stream, a NUL, then the batch number (fixed width, so keys sort). */
    static String batchKey(String stream, long seq) {
        String digits = Long.toString(seq);
        StringBuilder sb = new StringBuilder(stream.length() + 20).append(stream).append('\u0000');
        for (int i = digits.length(); i < 19; i++) {
            sb.append('0');
        }
        return sb.append(digits).toString();
    }

    private static long seqOf(String key) {
        return Long.parseLong(key.substring(key.lastIndexOf('\u0000') + 1));
    }

    private static String streamOf(String key) {
        return key.substring(0, key.lastIndexOf('\u0000'));
    }

    /** FNV-1a over the chars, then MurmurHash3's finaliser. */
    static long hash64(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    /** One batch: its newest event time always; its ids only while it is open (then they are in the store). */
    private static final class Batch {
        final long seq;
        final String key;
        String[] ids;
        long[] timestamps;
        int size;
        long maxTs = Long.MIN_VALUE;

        Batch(long seq, String key, int capacity) {
            this.seq = seq;
            this.key = key;
            this.ids = new String[capacity];
            this.timestamps = new long[capacity];
        }

        void append(String id, long ts) {
            ids[size] = id;
            timestamps[size] = ts;
            size++;
            maxTs = Math.max(maxTs, ts);
        }

        EventIdBatch value() {
            return new EventIdBatch(Arrays.copyOf(ids, size), Arrays.copyOf(timestamps, size));
        }
    }

    /** Open addressing, linear probing, backward-shift deletion; keys never {@link #EMPTY}, values >= 0. */
    static final class LongLongTable {
        static final long EMPTY = 0;
        private long[] keys = new long[1024];
        private long[] values = new long[1024];
        private int size;

        long get(long key) {
            int mask = keys.length - 1;
            for (int i = mix(key) & mask; ; i = (i + 1) & mask) {
                long k = keys[i];
                if (k == key) {
                    return values[i];
                }
                if (k == EMPTY) {
                    return -1;
                }
            }
        }

        void put(long key, long value) {
            if (size + 1 > keys.length * 6 / 10) {
                grow();
            }
            int mask = keys.length - 1;
            for (int i = mix(key) & mask; ; i = (i + 1) & mask) {
                if (keys[i] == key) {
                    values[i] = value;
                    return;
                }
                if (keys[i] == EMPTY) {
                    keys[i] = key;
                    values[i] = value;
                    size++;
                    return;
                }
            }
        }

        void remove(long key) {
            int mask = keys.length - 1;
            int i = mix(key) & mask;
            while (keys[i] != key) {
                if (keys[i] == EMPTY) {
                    return;
                }
                i = (i + 1) & mask;
            }
            size--;
            // shift back the entries after i whose home slot is not between the gap and themselves
            int gap = i;
            for (int j = (gap + 1) & mask; keys[j] != EMPTY; j = (j + 1) & mask) {
                int home = mix(keys[j]) & mask;
                if (((j - home) & mask) >= ((j - gap) & mask)) {
                    keys[gap] = keys[j];
                    values[gap] = values[j];
                    gap = j;
                }
            }
            keys[gap] = EMPTY;
            values[gap] = 0;
        }

        int size() {
            return size;
        }

        void clear() {
            keys = new long[1024];
            values = new long[1024];
            size = 0;
        }

        private void grow() {
            long[] oldKeys = keys;
            long[] oldValues = values;
            keys = new long[oldKeys.length * 2];
            values = new long[oldKeys.length * 2];
            size = 0;
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldKeys[i] != EMPTY) {
                    put(oldKeys[i], oldValues[i]);
                }
            }
        }

        private static int mix(long key) {
            return (int) (key ^ (key >>> 32));
        }
    }
}
