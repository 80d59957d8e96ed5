package io.ecsmonitor.cli.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders samples in the Prometheus text exposition format (version 0.0.4). */
public final class PrometheusText {

    private PrometheusText() {
    }

    /** The text of {@code samples}, grouped by metric name with one HELP and TYPE line each. */
    public static String render(List<MetricSample> samples) {
        Map<String, List<MetricSample>> byName = new LinkedHashMap<>();
        for (MetricSample s : samples) {
            byName.computeIfAbsent(s.name(), k -> new ArrayList<>()).add(s);
        }
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, List<MetricSample>> e : byName.entrySet()) {
            MetricSample first = e.getValue().get(0);
            sb.append("# HELP ").append(e.getKey()).append(' ').append(first.help().replace("\\", "\\\\").replace("\n", " ")).append('\n');
            sb.append("# TYPE ").append(e.getKey()).append(' ').append(first.type()).append('\n');
            for (MetricSample s : e.getValue()) {
                sb.append(s.name());
                if (!s.labels().isEmpty()) {
                    sb.append('{');
                    boolean comma = false;
                    for (Map.Entry<String, String> l : s.labels().entrySet()) {
                        if (comma) {
                            sb.append(',');
                        }
                        sb.append(l.getKey()).append("=\"").append(l.getValue().replace("\\", "\\\\").replace("\"", "\\\"")
                                .replace("\n", "\\n")).append('"');
                        comma = true;
                    }
                    sb.append('}');
                }
                sb.append(' ').append(format(s.value())).append('\n');
            }
        }
        return sb.toString();
    }

    private static String format(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%s", v);
    }
}
