package io.ecsmonitor.core.config;

import io.ecsmonitor.core.ecs.LogGroupPattern;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The environment variables of the original shell tool ({@code ecs-health.sh}, {@code cloudwatch-logs.sh}),
 * read once and validated, so every command that honours them reads them the same way.
 *
 * <table>
 * <caption>variables</caption>
 * <tr><td>{@value #CLUSTER}</td><td>ECS cluster name (required by the commands that talk to ECS)</td></tr>
 * <tr><td>{@value #REGION}</td><td>AWS region, default {@value #DEFAULT_REGION}</td></tr>
 * <tr><td>{@value #DOMAIN}</td><td>domain for the HTTP and TLS checks, optional</td></tr>
 * <tr><td>{@value #SERVICES}</td><td>comma-separated services; empty means every service of the cluster</td></tr>
 * <tr><td>{@value #HEALTH_STATE}</td><td>health state file, default {@value #DEFAULT_HEALTH_STATE}</td></tr>
 * <tr><td>{@value #OUTDIR} (or {@value #OUTDIR_UPPER})</td><td>output directory, default {@value #DEFAULT_OUTDIR}</td></tr>
 * <tr><td>{@value #LOG_PATTERN}</td><td>log group pattern, default {@value LogGroupPattern#DEFAULT}</td></tr>
 * <tr><td>{@value #HTTP_ENDPOINTS}</td><td>comma-separated URLs to check</td></tr>
 * </table>
 *
 * @param cluster       the cluster, when set
 * @param region        the region
 * @param regionSet     true when {@value #REGION} was set (otherwise the SDK's own chain may be consulted)
 * @param domain        the domain, when set
 * @param services      the services to watch; empty means all
 * @param healthState   the health state file
 * @param outDir        the output directory
 * @param logPattern    the log group pattern
 * @param httpEndpoints URLs to check
 */
public record EcsEnvironment(Optional<String> cluster, String region, boolean regionSet, Optional<String> domain,
                             List<String> services, Path healthState, Path outDir, LogGroupPattern logPattern,
                             List<URI> httpEndpoints) {

    public static final String CLUSTER = "ECS_CLUSTER";
    public static final String REGION = "ECS_REGION";
    public static final String DOMAIN = "ECS_DOMAIN";
    public static final String SERVICES = "ECS_SERVICES";
    public static final String HEALTH_STATE = "ECS_HEALTH_STATE";
    /** The original tool's spelling, kept. */
    public static final String OUTDIR = "ECS_health_OUTDIR";
    /** Accepted too; the original spelling wins when both are set. */
    public static final String OUTDIR_UPPER = "ECS_HEALTH_OUTDIR";
    public static final String LOG_PATTERN = "ECS_LOG_PATTERN";
    public static final String HTTP_ENDPOINTS = "ECS_HTTP_ENDPOINTS";

    public static final String DEFAULT_REGION = "us-east-1";
    public static final String DEFAULT_HEALTH_STATE = "./data/ecs-health.json";
    public static final String DEFAULT_OUTDIR = "./data/";

    /** The variables of the process. */
    public static EcsEnvironment fromSystem() {
        return from(System.getenv());
    }

    /**
     * Reads the variables from {@code env}.
     *
     * @throws IllegalArgumentException one sentence naming the variable and how to fix it
     */
    public static EcsEnvironment from(Map<String, String> env) {
        Optional<String> cluster = value(env, CLUSTER);
        Optional<String> region = value(env, REGION);
        if (region.isPresent() && !region.get().matches("[a-z]{2}(-[a-z]+)+-\\d+")) {
            throw new IllegalArgumentException(REGION + "='" + region.get()
                    + "' is not an AWS region; set it like us-east-1 or eu-west-1");
        }
        Optional<String> domain = value(env, DOMAIN).map(d -> d.replaceFirst("^https?://", "").replaceAll("/+$", ""));
        List<String> services = list(env.get(SERVICES));
        for (String s : services) {
            if (!s.matches("[A-Za-z0-9_-]{1,255}")) {
                throw new IllegalArgumentException(SERVICES + " has '" + s
                        + "', which is not an ECS service name; list names separated by commas, like api,worker");
            }
        }
        LogGroupPattern pattern;
        try {
            pattern = LogGroupPattern.parse(env.get(LOG_PATTERN));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(LOG_PATTERN + ": " + e.getMessage(), e);
        }
        List<URI> endpoints = new ArrayList<>();
        for (String u : list(env.get(HTTP_ENDPOINTS))) {
            try {
                URI uri = new URI(u);
                if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                    throw new URISyntaxException(u, "not an http or https URL");
                }
                endpoints.add(uri);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException(HTTP_ENDPOINTS + " has '" + u
                        + "', which is not an http(s) URL; list URLs separated by commas, like https://api.example.com/health");
            }
        }
        Path outDir = Path.of(value(env, OUTDIR).or(() -> value(env, OUTDIR_UPPER)).orElse(DEFAULT_OUTDIR));
        Path state = Path.of(value(env, HEALTH_STATE).orElse(DEFAULT_HEALTH_STATE));
        return new EcsEnvironment(cluster, region.orElse(DEFAULT_REGION), region.isPresent(), domain,
                List.copyOf(services), state, outDir, pattern, List.copyOf(endpoints));
    }

    /**
     * The cluster.
     *
     * @throws IllegalArgumentException when {@value #CLUSTER} is not set, saying how to set it
     */
    public String requireCluster() {
        return cluster.orElseThrow(() -> new IllegalArgumentException(
                CLUSTER + " is not set; set it to your ECS cluster name, like " + CLUSTER + "=my-cluster"));
    }

    private static Optional<String> value(Map<String, String> env, String key) {
        String v = env.get(key);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    private static List<String> list(String v) {
        List<String> out = new ArrayList<>();
        if (v != null) {
            for (String part : v.split("[,\\s]+")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
        }
        return out;
    }
}
