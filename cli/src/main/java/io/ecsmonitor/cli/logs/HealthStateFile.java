package io.ecsmonitor.cli.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecsmonitor.core.model.HealthReport;
import io.ecsmonitor.core.serde.JsonSerde;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the health state file ({@code ECS_HEALTH_STATE}, written by {@code ecs-monitor health}) as
 * far as {@code logs auto-diagnose} needs it, and tolerantly: the services' statuses.
 *
 * <p>The file is a JSON object. Its per-service entries are {@link HealthReport} objects, of which only
 * {@code service} (else the entry's key) and {@code status} ({@code HEALTHY}, {@code DEGRADED},
 * {@code UNHEALTHY}, {@code UNKNOWN}; case ignored) are read, plus {@code summary} and {@code probedAt}
 * when present. They are found, in this order, under:
 * <ol>
 * <li>{@code "services"}: an object from service name to report, or an array of reports;</li>
 * <li>{@code "reports"}: the same;</li>
 * <li>the top level itself: an object from service name to report.</li>
 * </ol>
 * Entries that are not objects with a {@code status}, and the {@value HealthReport#ENDPOINTS_KEY} entry
 * of the domain checks, are skipped; every other field is ignored.
 */
public final class HealthStateFile {

    private static final ObjectMapper JSON = JsonSerde.MAPPER;

    /**
     * One service's entry.
     *
     * @param service  the service
     * @param status   its status, upper case
     * @param summary  the probe's sentence, or null
     * @param probedAt when it was probed, ms since the epoch, or 0
     */
    public record Entry(String service, String status, String summary, long probedAt) {

        /** True when the probe marked the service unhealthy or degraded. */
        public boolean needsDiagnosis() {
            return HealthReport.HealthStatus.UNHEALTHY.name().equals(status)
                    || HealthReport.HealthStatus.DEGRADED.name().equals(status);
        }
    }

    private HealthStateFile() {
    }

    /**
     * The services' entries of the file at {@code path}.
     *
     * @throws IllegalArgumentException one sentence: the file is missing, unreadable or not such a JSON object
     */
    public static List<Entry> read(Path path) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(path));
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("the health state file " + path + " does not exist; run 'ecs-monitor health'"
                    + " (or scripts/ecs-health.sh) first, or point ECS_HEALTH_STATE at its file");
        } catch (IOException e) {
            throw new IllegalArgumentException("the health state file " + path + " is not readable JSON ("
                    + firstLine(e.getMessage()) + "); run 'ecs-monitor health' to write it again");
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("the health state file " + path
                    + " is not a JSON object of service reports; run 'ecs-monitor health' to write it again");
        }
        for (String field : List.of("services", "reports")) {
            JsonNode holder = root.get(field);
            if (holder != null && (holder.isObject() || holder.isArray())) {
                return entries(holder);
            }
        }
        return entries(root);
    }

    private static List<Entry> entries(JsonNode holder) {
        List<Entry> out = new ArrayList<>();
        if (holder.isArray()) {
            for (JsonNode report : holder) {
                entry(null, report, out);
            }
        } else {
            Iterator<Map.Entry<String, JsonNode>> it = holder.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                entry(e.getKey(), e.getValue(), out);
            }
        }
        return out;
    }

    private static void entry(String key, JsonNode report, List<Entry> out) {
        if (report == null || !report.isObject() || !report.path("status").isTextual()) {
            return;
        }
        String service = report.path("service").isTextual() ? report.get("service").asText() : key;
        if (service == null || service.isBlank() || HealthReport.ENDPOINTS_KEY.equals(service)) {
            return;
        }
        out.add(new Entry(service, report.get("status").asText().trim().toUpperCase(Locale.ROOT),
                report.path("summary").isTextual() ? report.get("summary").asText() : null,
                report.path("probedAt").asLong(0)));
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
