package io.ecsmonitor.alerts.sink;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A JDK HTTP server on loopback that records POST bodies per path and answers each path with a set status. */
public final class LocalHttpEndpoint implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, List<String>> bodies = new ConcurrentHashMap<>();
    private final Map<String, Integer> statuses = new ConcurrentHashMap<>();

    public LocalHttpEndpoint() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            bodies.computeIfAbsent(path, k -> new CopyOnWriteArrayList<>())
                    .add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            int status = statuses.getOrDefault(path, 200);
            byte[] answer = (status / 100 == 2 ? "ok" : "failing on purpose").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    /** The URL of {@code path}. */
    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** Answers {@code path} with {@code status} from now on. */
    public void answer(String path, int status) {
        statuses.put(path, status);
    }

    /** The bodies POSTed to {@code path}, oldest first. */
    public List<String> bodies(String path) {
        return List.copyOf(bodies.getOrDefault(path, List.of()));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
