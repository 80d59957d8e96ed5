package io.ecsmonitor.alerts.diagnosis;

import io.ecsmonitor.alerts.AlertsConfig;
import io.ecsmonitor.core.model.Alert;
import io.ecsmonitor.core.model.HealthReport;
import io.ecsmonitor.core.model.RestartEvent;
import io.ecsmonitor.core.model.ServiceStats;
import io.ecsmonitor.core.serde.JsonSerde;
import io.ecsmonitor.core.topic.Topics;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/**
 * The diagnosis topology: per service, the latest {@code ecs-monitor.health} report, the
 * {@code ecs-monitor.stats} windows and the {@code ecs-monitor.restarts} events are folded into stores
 * and judged by {@link Diagnoser}; {@link AlertLifecycle} turns the diagnoses into alerts on
 * {@code ecs-monitor.alerts}. Inputs that cannot be diagnosed go to {@code ecs-monitor.dlq}.
 *
 * <pre>
 * stats ─┐
 * restarts ─┼─ merge ─ diagnose [health, history, fingerprints] ─┬─ failed ─ dlq
 * health ─┘                                                     └─ diagnosed ─ alert-lifecycle [alert-state] ─ alerts
 * </pre>
 */
public final class DiagnosisTopology {

    public static final String SOURCE_STATS = "diagnosis-source-stats";
    public static final String SOURCE_RESTARTS = "diagnosis-source-restarts";
    public static final String SOURCE_HEALTH = "diagnosis-source-health";
    public static final String STATS_INPUT = "diagnosis-stats-input";
    public static final String RESTARTS_INPUT = "diagnosis-restarts-input";
    public static final String HEALTH_INPUT = "diagnosis-health-input";
    public static final String MERGE_RESTARTS = "diagnosis-merge-restarts";
    public static final String MERGE_HEALTH = "diagnosis-merge-health";
    public static final String DIAGNOSE = "diagnosis-diagnose";
    public static final String SPLIT = "diagnosis-outcome-";
    public static final String FAILED = "failed";
    public static final String DIAGNOSED = "diagnosed";
    public static final String FAILED_VALUE = "diagnosis-failed-value";
    public static final String DIAGNOSIS_VALUE = "diagnosis-value";
    public static final String ALERT_LIFECYCLE = "diagnosis-alert-lifecycle";
    public static final String SINK_ALERTS = "diagnosis-sink-alerts";
    public static final String SINK_DLQ = "diagnosis-sink-dlq";

    /** Latest health report per service. */
    public static final String HEALTH_STORE = "diagnosis-health-store";
    /** Statistics windows and restarts per service ({@link ServiceHistory}). */
    public static final String HISTORY_STORE = "diagnosis-history-store";
    /** Fingerprints seen per service within the retention period ({@link FingerprintHistory}). */
    public static final String FINGERPRINT_STORE = "diagnosis-fingerprint-store";
    /** The open incident per service ({@link AlertState}). */
    public static final String ALERT_STATE_STORE = "diagnosis-alert-state-store";

    private DiagnosisTopology() {
    }

    /** Adds the diagnosis and alert topology to {@code builder} and builds it. No I/O. */
    public static Topology build(StreamsBuilder builder, AlertsConfig config) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(HEALTH_STORE),
                Serdes.String(), JsonSerde.of(HealthReport.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(HISTORY_STORE),
                Serdes.String(), JsonSerde.of(ServiceHistory.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(FINGERPRINT_STORE),
                Serdes.String(), JsonSerde.of(FingerprintHistory.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ALERT_STATE_STORE),
                Serdes.String(), JsonSerde.of(AlertState.class)));

        KStream<String, DiagnosisInput> stats = builder
                .stream(Topics.STATS.name(), Consumed.with(Topics.STATS.keySerde(), Topics.STATS.valueSerde()).withName(SOURCE_STATS))
                .mapValues((ServiceStats v) -> v == null ? null : DiagnosisInput.of(v), Named.as(STATS_INPUT));
        KStream<String, DiagnosisInput> restarts = builder
                .stream(Topics.RESTARTS.name(), Consumed.with(Topics.RESTARTS.keySerde(), Topics.RESTARTS.valueSerde())
                        .withName(SOURCE_RESTARTS))
                .mapValues((RestartEvent v) -> v == null ? null : DiagnosisInput.of(v), Named.as(RESTARTS_INPUT));
        KStream<String, DiagnosisInput> health = builder
                .stream(Topics.HEALTH.name(), Consumed.with(Topics.HEALTH.keySerde(), Topics.HEALTH.valueSerde())
                        .withName(SOURCE_HEALTH))
                .mapValues((HealthReport v) -> DiagnosisInput.of(v), Named.as(HEALTH_INPUT));

        KStream<String, DiagnosisOutcome> outcomes = stats
                .merge(restarts, Named.as(MERGE_RESTARTS))
                .merge(health, Named.as(MERGE_HEALTH))
                .process(() -> new DiagnosisProcessor(config), Named.as(DIAGNOSE), HEALTH_STORE, HISTORY_STORE, FINGERPRINT_STORE);

        Map<String, KStream<String, DiagnosisOutcome>> branches = outcomes.split(Named.as(SPLIT))
                .branch((k, v) -> v.failed() != null, Branched.as(FAILED))
                .defaultBranch(Branched.as(DIAGNOSED));
        branches.get(SPLIT + FAILED)
                .mapValues(DiagnosisOutcome::failed, Named.as(FAILED_VALUE))
                .to(Topics.DLQ.name(), Produced.with(Serdes.String(), Serdes.ByteArray()).withName(SINK_DLQ));
        branches.get(SPLIT + DIAGNOSED)
                .mapValues(DiagnosisOutcome::diagnosis, Named.as(DIAGNOSIS_VALUE))
                .process(() -> new AlertProcessor(config), Named.as(ALERT_LIFECYCLE), ALERT_STATE_STORE)
                .to(Topics.ALERTS.name(), Produced.<String, Alert>with(Topics.ALERTS.keySerde(), Topics.ALERTS.valueSerde())
                        .withName(SINK_ALERTS));
        return builder.build();
    }
}
