package io.ecsmonitor.cli.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecsmonitor.alerts.AlertsConfig;
import io.ecsmonitor.alerts.diagnosis.Diagnoser;
import io.ecsmonitor.alerts.diagnosis.DiagnosisTopology;
import io.ecsmonitor.alerts.diagnosis.FingerprintHistory;
import io.ecsmonitor.alerts.diagnosis.ServiceHistory;
import io.ecsmonitor.core.model.Diagnosis;
import io.ecsmonitor.core.model.HealthReport;
import io.ecsmonitor.core.model.ServiceStats;
import io.ecsmonitor.core.serde.JsonSerde;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * {@code /api/services} through Kafka Streams interactive queries on the diagnosis application: the
 * instance that owns a service (by {@code queryMetadataForKey}) answers from its stores; any other
 * instance forwards the request to it over HTTP ({@code application.server}).
 */
final class StreamsQueries implements ServiceQueries {

    private static final long HOUR_MS = Duration.ofHours(1).toMillis();

    private final KafkaStreams streams;
    private final Diagnoser diagnoser;
    private final HostInfo self;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    StreamsQueries(KafkaStreams streams, AlertsConfig config, String advertised) {
        this.streams = streams;
        this.diagnoser = new Diagnoser(config);
        this.self = advertised.isEmpty() ? null : HostInfo.buildFromEndpoint(advertised);
    }

    @Override
    public List<String> services(boolean localOnly) {
        TreeSet<String> names = new TreeSet<>(localServices());
        if (!localOnly && self != null) {
            for (StreamsMetadata m : streams.metadataForAllStreamsClients()) {
                if (!m.hostInfo().equals(self)) {
                    fetch(m.hostInfo(), "/api/services?local=true").ifPresent(json -> json.path("services")
                            .forEach(s -> names.add(s.asText())));
                }
            }
        }
        return List.copyOf(names);
    }

    private List<String> localServices() {
        TreeSet<String> names = new TreeSet<>();
        try (KeyValueIterator<String, ServiceHistory> it = history().all()) {
            while (it.hasNext()) {
                names.add(it.next().key);
            }
        }
        try (KeyValueIterator<String, HealthReport> it = health().all()) {
            while (it.hasNext()) {
                KeyValue<String, HealthReport> kv = it.next();
                names.add(kv.key);
            }
        }
        return List.copyOf(names);
    }

    @Override
    public Optional<String> service(String service, boolean localOnly) {
        if (!localOnly && self != null) {
            KeyQueryMetadata owner = streams.queryMetadataForKey(DiagnosisTopology.HISTORY_STORE, service,
                    Serdes.String().serializer());
            if (owner != KeyQueryMetadata.NOT_AVAILABLE && !owner.activeHost().equals(self)) {
                return fetch(owner.activeHost(), "/api/services/" + URLEncoder.encode(service, StandardCharsets.UTF_8)
                        .replace("+", "%20") + "?local=true").map(JsonNode::toString);
            }
        }
        ServiceHistory history = history().get(service);
        HealthReport report = health().get(service);
        if (history == null && report == null) {
            return Optional.empty();
        }
        long wallClock = System.currentTimeMillis();
        ServiceHistory h = history != null ? history
                : new ServiceHistory(service, report.cluster(), List.of(), List.of(), report.probedAt(), wallClock);
        long now = h.lastInputWallClock() == 0 ? wallClock : h.timeAt(wallClock);
        FingerprintHistory fingerprints = fingerprints().get(service);
        Diagnosis diagnosis = diagnoser.diagnose(service, now, report, h, fingerprints);
        List<ServiceStats> lastHour = h.windows().stream().filter(w -> w.windowEnd() > now - HOUR_MS).toList();
        ObjectNode out = JsonSerde.MAPPER.createObjectNode();
        out.put("service", service);
        out.set("diagnosis", JsonSerde.MAPPER.valueToTree(diagnosis));
        out.set("stats", JsonSerde.MAPPER.valueToTree(lastHour));
        out.set("restarts", JsonSerde.MAPPER.valueToTree(h.restarts().stream().filter(r -> r.timestamp() > now - HOUR_MS).toList()));
        if (report != null) {
            out.set("health", JsonSerde.MAPPER.valueToTree(report));
        }
        return Optional.of(out.toString());
    }

    /**
     * Gauges of the services this instance owns, from the diagnosis state: events, errors per category
     * and health-check noise over the last hour of each service's time, and the latest probe verdict.
     */
    List<MetricSample> gauges() {
        List<MetricSample> out = new java.util.ArrayList<>();
        long wallClock = System.currentTimeMillis();
        try (KeyValueIterator<String, ServiceHistory> it = history().all()) {
            while (it.hasNext()) {
                KeyValue<String, ServiceHistory> kv = it.next();
                ServiceHistory h = kv.value;
                long now = h.lastInputWallClock() == 0 ? wallClock : h.timeAt(wallClock);
                long events = 0;
                long noise = 0;
                java.util.Map<String, Long> categories = new java.util.TreeMap<>();
                for (ServiceStats w : h.windows()) {
                    if (w.windowEnd() > now - HOUR_MS) {
                        events += w.events();
                        noise += w.noise();
                        if (w.categories() != null) {
                            w.categories().forEach((c, n) -> categories.merge(c.wireName(), n, Long::sum));
                        }
                    }
                }
                out.add(new MetricSample("ecs_monitor_service_events_last_hour", "gauge",
                        "Log events of the service in the last hour (after dedup and stitching, noise included)",
                        java.util.Map.of("service", kv.key), events));
                out.add(new MetricSample("ecs_monitor_service_noise_last_hour", "gauge",
                        "Health-check noise events of the service in the last hour", java.util.Map.of("service", kv.key), noise));
                categories.forEach((c, n) -> out.add(new MetricSample("ecs_monitor_service_errors_last_hour", "gauge",
                        "Errors of the service in the last hour, per category", java.util.Map.of("service", kv.key, "category", c), n)));
            }
        }
        try (KeyValueIterator<String, HealthReport> it = health().all()) {
            while (it.hasNext()) {
                KeyValue<String, HealthReport> kv = it.next();
                if (kv.value != null && kv.value.status() != null) {
                    out.add(new MetricSample("ecs_monitor_service_health", "gauge",
                            "1 for the latest probe verdict of the service (HEALTHY, DEGRADED, UNHEALTHY, UNKNOWN)",
                            java.util.Map.of("service", kv.key, "status", kv.value.status().name()), 1));
                }
            }
        }
        return out;
    }

    private ReadOnlyKeyValueStore<String, ServiceHistory> history() {
        return store(DiagnosisTopology.HISTORY_STORE);
    }

    private ReadOnlyKeyValueStore<String, HealthReport> health() {
        return store(DiagnosisTopology.HEALTH_STORE);
    }

    private ReadOnlyKeyValueStore<String, FingerprintHistory> fingerprints() {
        return store(DiagnosisTopology.FINGERPRINT_STORE);
    }

    private <V> ReadOnlyKeyValueStore<String, V> store(String name) {
        try {
            return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore()));
        } catch (InvalidStateStoreException e) {
            throw new NotReadyException("the diagnosis state is not queryable now (" + streams.state() + ")", e);
        }
    }

    private Optional<JsonNode> fetch(HostInfo host, String path) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://" + host.host() + ":" + host.port() + path))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? Optional.of(JsonSerde.MAPPER.readTree(r.body())) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
