package io.ecsmonitor.alerts.diagnosis;

import io.ecsmonitor.alerts.AlertsConfig;
import io.ecsmonitor.core.dlq.DeadLetter;
import io.ecsmonitor.core.model.Diagnosis;
import io.ecsmonitor.core.model.HealthReport;
import io.ecsmonitor.core.serde.JsonSerde;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Folds each input into the service's stores and diagnoses the service again; every punctuation
 * interval (wall clock) diagnoses every known service at its time moved on by the quiet time since its
 * last input, so a service whose errors aged out of the windows is diagnosed OK without new input.
 * An input that cannot be diagnosed goes to the dead-letter topic with the reason.
 */
final class DiagnosisProcessor implements Processor<String, DiagnosisInput, String, DiagnosisOutcome> {

    private static final Logger LOG = LoggerFactory.getLogger(DiagnosisProcessor.class);
    private static final JsonSerde<DiagnosisInput> INPUT = JsonSerde.of(DiagnosisInput.class);

    private final AlertsConfig config;
    private final Diagnoser diagnoser;
    private ProcessorContext<String, DiagnosisOutcome> context;
    private KeyValueStore<String, HealthReport> health;
    private KeyValueStore<String, ServiceHistory> history;
    private KeyValueStore<String, FingerprintHistory> fingerprints;
    private long failures;

    DiagnosisProcessor(AlertsConfig config) {
        this.config = config;
        this.diagnoser = new Diagnoser(config);
    }

    @Override
    public void init(ProcessorContext<String, DiagnosisOutcome> context) {
        this.context = context;
        this.health = context.getStateStore(DiagnosisTopology.HEALTH_STORE);
        this.history = context.getStateStore(DiagnosisTopology.HISTORY_STORE);
        this.fingerprints = context.getStateStore(DiagnosisTopology.FINGERPRINT_STORE);
        context.schedule(config.punctuateInterval, PunctuationType.WALL_CLOCK_TIME, this::punctuate);
    }

    @Override
    public void process(Record<String, DiagnosisInput> record) {
        DiagnosisInput in = record.value();
        if (in == null) {
            fail(record, "empty value: a statistics window or a restart without content");
            return;
        }
        String service = record.key() != null ? record.key() : serviceOf(in);
        if (service == null) {
            fail(record, "no service: the record has no key and its value names none");
            return;
        }
        try {
            long eventTime = in.eventTime() <= 0 ? record.timestamp() : in.eventTime();
            ServiceHistory h = history.get(service);
            if (h == null) {
                h = ServiceHistory.empty(service);
            }
            String cluster = null;
            if (in.stats() == null && in.restart() == null && in.health() == null) {
                health.delete(service);
            } else if (in.health() != null) {
                health.put(service, in.health());
                cluster = in.health().cluster();
            } else if (in.restart() != null) {
                h = h.withRestart(in.restart());
            } else {
                h = h.withStats(in.stats());
                FingerprintHistory fp = fingerprints.get(service);
                if (fp == null) {
                    fp = FingerprintHistory.startingAt(in.stats().windowStart());
                }
                fingerprints.put(service, fp.with(in.stats(), eventTime - config.fingerprintRetention.toMillis()));
            }
            long wallClock = context.currentSystemTimeMs();
            // The time the service had reached (moved on by the wall clock since its last input): a late input
            // is judged now, not in the past, so the service's time never goes back.
            long reached = h.lastInputWallClock() == 0 ? 0 : h.timeAt(wallClock);
            h = h.touched(Math.max(eventTime, reached), wallClock, cluster);
            long now = h.lastEventTime();
            h = h.prunedBefore(now - config.historyRetention().toMillis());
            history.put(service, h);
            Diagnosis d = diagnoser.diagnose(service, now, health.get(service), h, fingerprints.get(service));
            LOG.trace("diagnosed service={} status={} summary={}", service, d.status(), d.summary());
            context.forward(new Record<>(service, new DiagnosisOutcome(d, null), now));
        } catch (RuntimeException e) {
            fail(record, "cannot diagnose service " + service + ": " + e);
        }
    }

    private void punctuate(long wallClock) {
        List<KeyValue<String, ServiceHistory>> all = new ArrayList<>();
        try (KeyValueIterator<String, ServiceHistory> it = history.all()) {
            it.forEachRemaining(all::add);
        }
        for (KeyValue<String, ServiceHistory> kv : all) {
            String service = kv.key;
            try {
                long now = kv.value.timeAt(wallClock);
                ServiceHistory h = kv.value.prunedBefore(now - config.historyRetention().toMillis());
                HealthReport report = health.get(service);
                Diagnosis d = diagnoser.diagnose(service, now, report, h, fingerprints.get(service));
                if (d.status() == Diagnosis.Status.OK && h.windows().isEmpty() && h.restarts().isEmpty() && report == null) {
                    history.delete(service);
                } else if (h != kv.value) {
                    history.put(service, h);
                }
                context.forward(new Record<>(service, new DiagnosisOutcome(d, null), now));
            } catch (RuntimeException e) {
                failures++;
                LOG.error("cannot diagnose service={} at wallClock={} failures={}", service, wallClock, failures, e);
            }
        }
    }

    private void fail(Record<String, DiagnosisInput> record, String reason) {
        failures++;
        RecordMetadata m = context.recordMetadata().orElse(null);
        Headers headers = m == null
                ? new RecordHeaders()
                : DeadLetter.fromKafka("diagnose", reason, m.topic(), m.partition(), m.offset(), context.currentSystemTimeMs());
        LOG.warn("dead-lettered record topic={} partition={} offset={} reason={} failures={}",
                m == null ? "?" : m.topic(), m == null ? -1 : m.partition(), m == null ? -1 : m.offset(), reason, failures);
        byte[] bytes = INPUT.serializer().serialize("dlq", record.value());
        context.forward(new Record<>(record.key(), new DiagnosisOutcome(null, bytes == null ? new byte[0] : bytes),
                record.timestamp(), headers));
    }

    private static String serviceOf(DiagnosisInput in) {
        if (in == null) {
            return null;
        }
        if (in.stats() != null) {
            return in.stats().service();
        }
        if (in.restart() != null) {
            return in.restart().service();
        }
        return in.health() != null ? in.health().service() : null;
    }
}
