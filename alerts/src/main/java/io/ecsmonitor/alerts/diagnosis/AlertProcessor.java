package io.ecsmonitor.alerts.diagnosis;

import io.ecsmonitor.alerts.AlertsConfig;
import io.ecsmonitor.core.model.Alert;
import io.ecsmonitor.core.model.Diagnosis;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Keeps each service's open incident and emits the alerts {@link AlertLifecycle} decides on. */
final class AlertProcessor implements Processor<String, Diagnosis, String, Alert> {

    private static final Logger LOG = LoggerFactory.getLogger(AlertProcessor.class);

    private final AlertLifecycle lifecycle;
    private ProcessorContext<String, Alert> context;
    private KeyValueStore<String, AlertState> state;

    AlertProcessor(AlertsConfig config) {
        this.lifecycle = new AlertLifecycle(config.renotifyInterval, config.clearDelay);
    }

    @Override
    public void init(ProcessorContext<String, Alert> context) {
        this.context = context;
        this.state = context.getStateStore(DiagnosisTopology.ALERT_STATE_STORE);
    }

    @Override
    public void process(Record<String, Diagnosis> record) {
        Diagnosis d = record.value();
        AlertLifecycle.Step step = lifecycle.apply(state.get(record.key()), d);
        if (step.state() == null) {
            state.delete(record.key());
        } else {
            state.put(record.key(), step.state());
        }
        Alert a = step.alert();
        if (a != null) {
            LOG.info("alert service={} kind={} status={} incident={} summary={}", a.service(), a.kind(), a.status(),
                    a.incidentId(), d.summary());
            context.forward(new Record<>(record.key(), a, d.evaluatedAt()));
        }
    }
}
