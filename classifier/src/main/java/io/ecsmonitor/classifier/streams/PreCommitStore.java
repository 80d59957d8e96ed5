package io.ecsmonitor.classifier.streams;

import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;

/**
 * A state store around another one that lets its processor write its state back just before each commit.
 *
 * <p>A processor that keeps its state as objects in memory and writes each changed key once per commit
 * saves a serialisation, a record-cache update and usually a changelog record per event. Such writes
 * are exact only if they reach the stores before the commit that covers the input they follow. Kafka
 * Streams flushes the record caches of a task's stores at exactly that point (after processing and
 * punctuation, before it flushes the producer and commits the offsets and the transaction): it calls
 * {@code flushCache()} of every registered store that is a {@link CachedStateStore}. This store is one; its
 * {@code flushCache()} runs the hook given by {@link #beforeCommit(Runnable)}, then flushes the cache of
 * the store it wraps. The hook must write only to this store or to stores without a record cache (their
 * writes go to the changelog at once), so that nothing it writes waits for the next commit.
 *
 * <p>{@link CachedStateStore} is an interface of Kafka Streams' internals package (4.3): the topology
 * tests (TopologyTestDriver runs the same commit path) and the two-instance IT with exact totals would
 * fail if a later version stopped calling it.
 *
 * @param <S> the wrapped store
 */
final class PreCommitStore<S extends StateStore> implements StateStore, CachedStateStore<Object, Object> {

    private final S inner;
    private Runnable beforeCommit = () -> { };

    private PreCommitStore(S inner) {
        this.inner = inner;
    }

    /** The builder of a pre-commit store around what {@code inner} builds (same name, logging and cache settings). */
    static <S extends StateStore> StoreBuilder<PreCommitStore<S>> builder(StoreBuilder<S> inner) {
        return new StoreBuilder<>() {
            @Override
            public StoreBuilder<PreCommitStore<S>> withCachingEnabled() {
                inner.withCachingEnabled();
                return this;
            }

            @Override
            public StoreBuilder<PreCommitStore<S>> withCachingDisabled() {
                inner.withCachingDisabled();
                return this;
            }

            @Override
            public StoreBuilder<PreCommitStore<S>> withLoggingEnabled(Map<String, String> config) {
                inner.withLoggingEnabled(config);
                return this;
            }

            @Override
            public StoreBuilder<PreCommitStore<S>> withLoggingDisabled() {
                inner.withLoggingDisabled();
                return this;
            }

            @Override
            public PreCommitStore<S> build() {
                return new PreCommitStore<>(inner.build());
            }

            @Override
            public Map<String, String> logConfig() {
                return inner.logConfig();
            }

            @Override
            public boolean loggingEnabled() {
                return inner.loggingEnabled();
            }

            @Override
            public String name() {
                return inner.name();
            }
        };
    }

    /** The wrapped store, for reads and writes. */
    S store() {
        return inner;
    }

    /** Runs {@code hook} before every commit of the task (replacing the previous hook). */
    void beforeCommit(Runnable hook) {
        this.beforeCommit = hook;
    }

    @Override
    public void flushCache() {
        beforeCommit.run();
        if (inner instanceof CachedStateStore<?, ?> cached) {
            cached.flushCache();
        }
    }

    @Override
    public void clearCache() {
        if (inner instanceof CachedStateStore<?, ?> cached) {
            cached.clearCache();
        }
    }

    @Override
    public boolean setFlushListener(CacheFlushListener<Object, Object> listener, boolean sendOldValues) {
        return false;
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        inner.init(context, root);
    }

    @Override
    @SuppressWarnings("deprecation")
    public void flush() {
        inner.flush();
    }

    @Override
    public void commit(Map<TopicPartition, Long> changelogOffsets) {
        inner.commit(changelogOffsets);
    }

    @Override
    public Long committedOffset(TopicPartition partition) {
        return inner.committedOffset(partition);
    }

    @Override
    public boolean managesOffsets() {
        return inner.managesOffsets();
    }

    @Override
    public void close() {
        beforeCommit = () -> { };
        inner.close();
    }

    @Override
    public boolean persistent() {
        return inner.persistent();
    }

    @Override
    public boolean isOpen() {
        return inner.isOpen();
    }

    @Override
    public <R> QueryResult<R> query(Query<R> query, PositionBound positionBound, QueryConfig config) {
        return inner.query(query, positionBound, config);
    }

    @Override
    public Position getPosition() {
        return inner.getPosition();
    }
}
