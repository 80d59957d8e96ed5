package io.ecsmonitor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecsmonitor.cli.EcsMonitorCommand.UsageException;
import io.ecsmonitor.core.serde.JsonSerde;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ecs-monitor status}: what a running ecs-monitor thinks of every service, in one table, from its
 * HTTP API ({@code /api/services}); any instance answers for every service. For the on-call engineer's
 * terminal and for scripts (exit code 1 when a service is WARNING or CRITICAL).
 */
@Command(name = "status",
        mixinStandardHelpOptions = true,
        description = "Show the current diagnosis of every service (or of the SERVICEs given) from a running "
                + "'ecs-monitor run' (its HTTP API; any instance answers for all services), worst first: status, errors and "
                + "5xx share in the last 5 minutes, restarts in the last 15, and the summary.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every service is OK",
            "1:a service is WARNING or CRITICAL",
            "2:bad flag, unknown service, or ecs-monitor not reachable"})
final class StatusCommand implements Callable<Integer> {

    /** The variable naming the instance when --url is not given. */
    static final String URL_ENV = "ECS_MONITOR_URL";
    static final String DEFAULT_URL = "http://localhost:8080";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "SERVICE", arity = "0..*", description = "Services to show (default: all).")
    List<String> services = new ArrayList<>();

    @Option(names = "--url", paramLabel = "URL",
            description = "Base URL of a running ecs-monitor (default: $" + URL_ENV + ", else " + DEFAULT_URL + ").")
    String url;

    @Option(names = "--json", description = "Print each service's whole document (diagnosis, stats, restarts, health), one JSON object per line.")
    boolean json;

    /** The environment read; tests replace it. */
    Map<String, String> env = System.getenv();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    @Override
    public Integer call() {
        URI base = base();
        List<String> names = services.isEmpty() ? list(base) : services;
        List<JsonNode> docs = new ArrayList<>();
        for (String name : names) {
            docs.add(fetch(base, "/api/services/" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"), name));
        }
        docs.sort(Comparator.comparingInt((JsonNode d) -> -severity(status(d))).thenComparing(d -> d.path("service").asText()));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            docs.forEach(d -> out.println(d.toString()));
        } else if (docs.isEmpty()) {
            out.println("no services yet: ecs-monitor at " + base + " has seen no logs, statistics or health reports");
        } else {
            String format = "%-" + Math.max(7, docs.stream().mapToInt(d -> d.path("service").asText().length()).max().orElse(7))
                    + "s  %-8s  %9s  %7s  %12s  %s%n";
            out.printf(Locale.ROOT, format, "SERVICE", "STATUS", "ERRORS 5m", "5xx 5m", "RESTARTS 15m", "SUMMARY");
            for (JsonNode d : docs) {
                JsonNode five = counts(d, 5);
                JsonNode fifteen = counts(d, 15);
                long requests = five.path("requests").asLong();
                String share = requests == 0 ? "-" : String.format(Locale.ROOT, "%.0f%%", 100.0 * five.path("http5xx").asLong() / requests);
                out.printf(Locale.ROOT, format, d.path("service").asText(), status(d), five.path("errors").asLong(), share,
                        fifteen.path("restarts").asLong(), summaryWithoutService(d));
            }
        }
        out.flush();
        boolean trouble = docs.stream().anyMatch(d -> severity(status(d)) > 0);
        return trouble ? EcsMonitorCommand.EXIT_FINDINGS : EcsMonitorCommand.EXIT_OK;
    }

    private URI base() {
        String u = url != null && !url.isBlank() ? url.trim() : env.getOrDefault(URL_ENV, DEFAULT_URL).trim();
        try {
            URI uri = URI.create(u.endsWith("/") ? u.substring(0, u.length() - 1) : u);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException("not an http(s) URL");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new UsageException("--url " + u + " is not an http(s) URL; write it like " + DEFAULT_URL);
        }
    }

    private List<String> list(URI base) {
        List<String> names = new ArrayList<>();
        fetch(base, "/api/services", null).path("services").forEach(n -> names.add(n.asText()));
        return names;
    }

    private JsonNode fetch(URI base, String path, String service) {
        HttpResponse<String> r;
        try {
            r = http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UsageException("cannot reach ecs-monitor at " + base + " (" + (e.getMessage() != null ? e.getMessage() : e)
                    + "); start 'ecs-monitor run' or set --url / " + URL_ENV + " to a running instance");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UsageException("interrupted while asking ecs-monitor at " + base);
        }
        if (r.statusCode() == 404 && service != null) {
            throw new UsageException("no such service: " + service + " (see 'ecs-monitor status' for the services known)");
        }
        if (r.statusCode() != 200) {
            String error = r.body();
            try {
                error = JsonSerde.MAPPER.readTree(r.body()).path("error").asText(r.body());
            } catch (IOException notJson) {
                // the body as it is
            }
            throw new UsageException("ecs-monitor at " + base + " answered " + r.statusCode() + " to " + path + ": " + error.trim());
        }
        try {
            return JsonSerde.MAPPER.readTree(r.body());
        } catch (IOException e) {
            throw new UsageException("ecs-monitor at " + base + " answered " + path + " with something that is not JSON");
        }
    }

    private static String status(JsonNode d) {
        return d.path("diagnosis").path("status").asText("UNKNOWN");
    }

    private static int severity(String status) {
        return switch (status) {
            case "CRITICAL" -> 2;
            case "WARNING" -> 1;
            default -> 0;
        };
    }

    private static JsonNode counts(JsonNode d, int minutes) {
        for (JsonNode c : d.path("diagnosis").path("counts")) {
            if (c.path("minutes").asInt() == minutes) {
                return c;
            }
        }
        return JsonSerde.MAPPER.createObjectNode();
    }

    private static String summaryWithoutService(JsonNode d) {
        String s = d.path("diagnosis").path("summary").asText("");
        String prefix = d.path("service").asText() + ": ";
        return s.startsWith(prefix) ? s.substring(prefix.length()) : s;
    }
}
