package io.ecsmonitor.alerts.diagnosis;

import io.ecsmonitor.core.model.Diagnosis.Link;
import java.nio.charset.StandardCharsets;

/**
 * Links into the AWS console: CloudWatch Logs Insights with a ready query over a log group, and the ECS
 * service page. The Logs Insights page reads its state from the URL fragment, in which the console
 * writes {@code ?}, {@code =} as {@code $3F}, {@code $3D} and percent-escapes with {@code *} instead of {@code %}.
 */
public final class ConsoleLinks {

    private ConsoleLinks() {
    }

    /** The Logs Insights console over {@code logGroup} for the last {@code seconds}, with {@code query} in the editor. */
    public static Link logsInsights(String region, String logGroup, String query, long seconds) {
        String detail = "~(end~0~start~-" + seconds + "~timeType~'RELATIVE~unit~'seconds~editorString~'"
                + consoleEscape(query) + "~queryId~'~source~(~'" + consoleEscape(logGroup) + "))";
        String url = "https://" + region + ".console.aws.amazon.com/cloudwatch/home?region=" + region
                + "#logsV2:logs-insights$3FqueryDetail$3D" + detail;
        return new Link("CloudWatch Logs Insights: " + logGroup, url);
    }

    /** The ECS console page of {@code service}, or of the cluster list when the cluster is unknown. */
    public static Link ecsService(String region, String cluster, String service) {
        String url = cluster == null
                ? "https://" + region + ".console.aws.amazon.com/ecs/v2/clusters?region=" + region
                : "https://" + region + ".console.aws.amazon.com/ecs/v2/clusters/" + pathEscape(cluster) + "/services/"
                        + pathEscape(service) + "/health?region=" + region;
        return new Link("ECS service: " + (cluster == null ? "" : cluster + "/") + service, url);
    }

    static String consoleEscape(String s) {
        StringBuilder out = new StringBuilder(s.length() * 2);
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.') {
                out.append((char) c);
            } else {
                out.append('*').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    private static String pathEscape(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
