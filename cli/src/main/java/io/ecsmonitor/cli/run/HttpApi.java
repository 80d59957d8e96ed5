package io.ecsmonitor.cli.run;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.ecsmonitor.core.serde.JsonSerde;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP endpoint of a run: {@code /health} (200 when every role is ready, 503 otherwise),
 * {@code /metrics} (Prometheus text), {@code /api/services} and {@code /api/services/{name}} (JSON,
 * answered from the Kafka Streams state of whichever instance owns the service).
 */
public final class HttpApi implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);

    private final HttpServer server;
    private final ExecutorService executor;

    private HttpApi(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Starts the endpoint on {@code port} (0: any free port) of every interface.
     *
     * @param roles   the roles whose readiness and metrics it reports
     * @param metrics process-wide metrics (consumer lag, JVM) added to the roles' own
     * @param queries what the streams role published to answer {@code /api/services}, when it runs here
     */
    public static HttpApi start(int port, Supplier<List<Role>> roles, Supplier<List<MetricSample>> metrics,
                                Supplier<Optional<ServiceQueries>> queries) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(port), 64);
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on HTTP port " + port + ": " + e.getMessage()
                    + "; choose another with --http-port (or -1 to turn the endpoint off)", e);
        }
        ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "http-api");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/health", ex -> handle(ex, () -> health(ex, roles.get())));
        server.createContext("/metrics", ex -> handle(ex, () -> {
            List<MetricSample> all = new ArrayList<>(metrics.get());
            for (Role r : roles.get()) {
                all.addAll(r.metrics());
            }
            send(ex, 200, "text/plain; version=0.0.4; charset=utf-8", PrometheusText.render(all));
        }));
        server.createContext("/api/services", ex -> handle(ex, () -> services(ex, queries.get())));
        server.start();
        LOG.info("HTTP endpoint listening port={}", server.getAddress().getPort());
        return new HttpApi(server, executor);
    }

    /** The port it listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    private interface Handler {
        void handle() throws IOException;
    }

    private static void handle(HttpExchange ex, Handler h) {
        try {
            if (!"GET".equals(ex.getRequestMethod()) && !"HEAD".equals(ex.getRequestMethod())) {
                send(ex, 405, "text/plain", "only GET\n");
                return;
            }
            h.handle();
        } catch (ServiceQueries.NotReadyException e) {
            ex.getResponseHeaders().set("Retry-After", "1");
            trySend(ex, 503, "{\"error\":\"" + e.getMessage().replace("\"", "'") + "; retry shortly\"}\n");
        } catch (IOException | RuntimeException e) {
            LOG.warn("HTTP request failed path={}", ex.getRequestURI(), e);
            trySend(ex, 500, "{\"error\":\"" + String.valueOf(e.getMessage()).replace("\"", "'") + "\"}\n");
        } finally {
            ex.close();
        }
    }

    private static void trySend(HttpExchange ex, int status, String body) {
        try {
            send(ex, status, "application/json", body);
        } catch (IOException | RuntimeException ignored) {
            // headers were sent already, or the client is gone: nothing else to tell it
        }
    }

    private static void health(HttpExchange ex, List<Role> roles) throws IOException {
        ObjectNode body = JsonSerde.MAPPER.createObjectNode();
        ObjectNode byRole = body.putObject("roles");
        boolean up = !roles.isEmpty();
        for (Role r : roles) {
            boolean ready = r.ready();
            up &= ready;
            byRole.putObject(r.name()).put("ready", ready).put("state", r.state());
        }
        body.put("status", up ? "UP" : "DOWN");
        send(ex, up ? 200 : 503, "application/json", JsonSerde.MAPPER.writeValueAsString(body) + "\n");
    }

    private static void services(HttpExchange ex, Optional<ServiceQueries> queries) throws IOException {
        if (queries.isEmpty()) {
            send(ex, 503, "application/json", "{\"error\":\"the streams role does not run in this instance\"}\n");
            return;
        }
        String path = ex.getRequestURI().getRawPath();
        boolean localOnly = "local=true".equals(ex.getRequestURI().getRawQuery());
        String rest = path.length() > "/api/services".length() ? path.substring("/api/services".length()) : "";
        if (rest.isEmpty() || rest.equals("/")) {
            ArrayNode list = JsonSerde.MAPPER.createArrayNode();
            queries.get().services(localOnly).forEach(list::add);
            send(ex, 200, "application/json", JsonSerde.MAPPER.writeValueAsString(JsonSerde.MAPPER.createObjectNode()
                    .set("services", list)) + "\n");
            return;
        }
        String name = URLDecoder.decode(rest.substring(1), StandardCharsets.UTF_8);
        Optional<String> answer = queries.get().service(name, localOnly);
        if (answer.isPresent()) {
            send(ex, 200, "application/json", answer.get() + "\n");
        } else {
            send(ex, 404, "application/json", JsonSerde.MAPPER.writeValueAsString(JsonSerde.MAPPER.createObjectNode()
                    .put("error", "no such service: " + name)) + "\n");
        }
    }

    private static void send(HttpExchange ex, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", contentType);
        boolean head = "HEAD".equals(ex.getRequestMethod());
        ex.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
