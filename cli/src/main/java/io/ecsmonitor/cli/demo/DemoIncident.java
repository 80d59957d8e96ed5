package io.ecsmonitor.cli.demo;

import io.ecsmonitor.core.model.LogEvent;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The bundled incident of {@code ecs-monitor demo}: twelve minutes of logs from three services of the
 * cluster {@value #CLUSTER}, ending at a given instant.
 * <ul>
 *   <li>{@value #CHECKOUT} (Spring Boot): a Java heap OOM crash loop; each task dies with
 *       {@code java.lang.OutOfMemoryError} and ECS starts a new one, three times in ten minutes;</li>
 *   <li>{@value #API} (Node): a deployment eight minutes ago (task definition api:42) after which
 *       requests fail with 502/503 and the database refuses connections;</li>
 *   <li>{@value #CATALOG} (gunicorn): healthy and chatty, most of its lines ALB health checks.</li>
 * </ul>
 * The lines are deterministic (seeded), so the demo and its test expect the same counts.
 */
public final class DemoIncident {

    public static final String CLUSTER = "demo";
    public static final String CHECKOUT = "checkout";
    public static final String API = "api";
    public static final String CATALOG = "catalog";
    /** Task definition of the api deployment that goes wrong. */
    public static final String API_BAD_TASK_DEFINITION = "api:42";
    /** Minutes before the end when the bad api deployment started. */
    public static final int API_DEPLOYMENT_MINUTES_AGO = 8;
    /** How many checkout tasks die of OOM (each followed by a new task). */
    public static final int CHECKOUT_OOM_KILLS = 3;

    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter CLF = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final long end;
    private final Random random = new Random(20261122L);
    private final List<LogEvent> events = new ArrayList<>();
    private long sequence;

    private DemoIncident(Instant end) {
        this.end = end.toEpochMilli();
    }

    /** The incident's events, in timestamp order, the last one just before {@code end}. */
    public static List<LogEvent> events(Instant end) {
        DemoIncident d = new DemoIncident(end);
        d.checkout();
        d.api();
        d.catalog();
        d.events.sort(Comparator.comparingLong(LogEvent::timestamp).thenComparing(LogEvent::eventId));
        return List.copyOf(d.events);
    }

    /** A task id in the ECS shape (32 hex digits), stable for a service and a number. */
    public static String taskId(String service, int n) {
        long h = (service.hashCode() * 31L + n) * 0x9E3779B97F4A7C15L;
        return String.format(Locale.ROOT, "%016x%016x", h, Long.rotateLeft(h, 17) ^ 0x5DEECE66DL);
    }

    private void checkout() {
        long start = end - 12 * 60_000L;
        long crashEvery = 3 * 60_000L + 20_000L;
        for (int task = 0; task <= CHECKOUT_OOM_KILLS; task++) {
            String stream = "ecs/checkout/" + taskId(CHECKOUT, task);
            long t = start + task * crashEvery;
            emit(CHECKOUT, stream, t, "  .   ____          _            __ _ _");
            emit(CHECKOUT, stream, t + 5, ":: Spring Boot ::                (v3.3.4)");
            emit(CHECKOUT, stream, t + 8_000, ISO.format(Instant.ofEpochMilli(t + 8_000))
                    + "  INFO 1 --- [main] c.e.checkout.CheckoutApplication : Started CheckoutApplication in 7.912 seconds (process running for 8.6)");
            long stop = task < CHECKOUT_OOM_KILLS ? t + crashEvery - 10_000 : end - 1_000;
            for (long r = t + 9_000; r < stop; r += 4_000 + random.nextInt(2_000)) {
                emit(CHECKOUT, stream, r, ISO.format(Instant.ofEpochMilli(r)) + "  INFO 1 --- [nio-8080-exec-" + (1 + random.nextInt(9))
                        + "] c.e.checkout.CartController : checkout cart=" + (10_000 + random.nextInt(90_000)) + " items="
                        + (1 + random.nextInt(6)) + " total_ms=" + (40 + random.nextInt(200)));
            }
            if (task < CHECKOUT_OOM_KILLS) {
                long crash = t + crashEvery - 8_000;
                emit(CHECKOUT, stream, crash - 3_000, ISO.format(Instant.ofEpochMilli(crash - 3_000))
                        + "  WARN 1 --- [nio-8080-exec-3] c.e.checkout.PriceCache : cache size 1843221 entries exceeds soft limit");
                emit(CHECKOUT, stream, crash, "Exception in thread \"nio-8080-exec-7\" java.lang.OutOfMemoryError: Java heap space");
                emit(CHECKOUT, stream, crash + 1, "\tat java.base/java.util.Arrays.copyOf(Arrays.java:3537)");
                emit(CHECKOUT, stream, crash + 2, "\tat java.base/java.util.ArrayList.grow(ArrayList.java:237)");
                emit(CHECKOUT, stream, crash + 3, "\tat com.example.checkout.PriceCache.load(PriceCache.java:88)");
                emit(CHECKOUT, stream, crash + 4, "\tat com.example.checkout.CartController.checkout(CartController.java:41)");
            }
        }
    }

    private void api() {
        long start = end - 12 * 60_000L;
        long deploy = end - API_DEPLOYMENT_MINUTES_AGO * 60_000L;
        String oldStream = "ecs/api/" + taskId(API, 0);
        String newStream = "ecs/api/" + taskId(API, 1);
        emit(API, oldStream, start, "Server listening on port 3000");
        for (long t = start + 1_000; t < end; t += 1_500 + random.nextInt(1_000)) {
            emit(API, oldStream, t, access(t, "GET", "/v1/products/" + random.nextInt(500), 200, "okhttp/4.12.0"));
        }
        emit(API, newStream, deploy + 30_000, "Server listening on port 3000");
        for (long t = deploy + 31_000; t < end; t += 2_000 + random.nextInt(1_000)) {
            int roll = random.nextInt(10);
            if (roll < 5) {
                emit(API, newStream, t, access(t, "POST", "/v1/orders", roll < 3 ? 502 : 503, "okhttp/4.12.0"));
            } else if (roll < 7) {
                emit(API, newStream, t, "Error: connect ECONNREFUSED 10.0.2.15:5432");
                emit(API, newStream, t + 1, "    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1607:16)");
            } else {
                emit(API, newStream, t, access(t, "GET", "/v1/products/" + random.nextInt(500), 200, "okhttp/4.12.0"));
            }
        }
    }

    private void catalog() {
        long start = end - 12 * 60_000L;
        String a = "ecs/catalog/" + taskId(CATALOG, 0);
        String b = "ecs/catalog/" + taskId(CATALOG, 1);
        emit(CATALOG, a, start, "[2026-11-22 00:00:00 +0000] [1] [INFO] Booting worker with pid: 8");
        for (long t = start + 500; t < end; t += 700 + random.nextInt(300)) {
            String stream = random.nextBoolean() ? a : b;
            int roll = random.nextInt(10);
            if (roll < 6) {
                emit(CATALOG, stream, t, access(t, "GET", "/health", 200, "ELB-HealthChecker/2.0"));
            } else if (roll < 9) {
                emit(CATALOG, stream, t, access(t, "GET", "/catalog/items?page=" + random.nextInt(40), 200, "Mozilla/5.0"));
            } else {
                emit(CATALOG, stream, t, access(t, "GET", "/catalog/items/" + random.nextInt(9_000), 404, "Mozilla/5.0"));
            }
        }
    }

    private String access(long t, String method, String path, int status, String agent) {
        return "10.0." + random.nextInt(4) + "." + (2 + random.nextInt(250)) + " - - [" + CLF.format(Instant.ofEpochMilli(t)) + "] \""
                + method + " " + path + " HTTP/1.1\" " + status + " " + (status == 200 ? 100 + random.nextInt(4_000) : 0)
                + " \"-\" \"" + agent + "\"";
    }

    private void emit(String service, String stream, long t, String message) {
        String task = stream.substring(stream.lastIndexOf('/') + 1);
        String id = String.format(Locale.ROOT, "%020d%036d", t, ++sequence);
        events.add(new LogEvent(service, CLUSTER, "/ecs/" + service, stream, task, service, id, t, t + 200, message, "demo"));
    }
}
