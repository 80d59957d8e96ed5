package io.ecsmonitor.ingest.testing;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/** The context Connect gives a source task, for driving a task directly in tests and harnesses. */
public final class TaskContexts {

    private TaskContexts() {
    }

    /**
     * A context with {@code config}, whose offset reader answers {@code storedOffset} for every
     * partition (none when null), and {@code metrics} (may be null).
     */
    public static SourceTaskContext of(Map<String, String> config, Map<String, Object> storedOffset, PluginMetrics metrics) {
        return new SourceTaskContext() {
            @Override
            public Map<String, String> configs() {
                return config;
            }

            @Override
            public OffsetStorageReader offsetStorageReader() {
                return new OffsetStorageReader() {
                    @Override
                    public <T> Map<String, Object> offset(Map<String, T> partition) {
                        return storedOffset;
                    }

                    @Override
                    public <T> Map<Map<String, T>, Map<String, Object>> offsets(Collection<Map<String, T>> partitions) {
                        Map<Map<String, T>, Map<String, Object>> out = new HashMap<>();
                        if (storedOffset != null) {
                            partitions.forEach(p -> out.put(p, storedOffset));
                        }
                        return out;
                    }
                };
            }

            @Override
            public PluginMetrics pluginMetrics() {
                return metrics;
            }
        };
    }
}
