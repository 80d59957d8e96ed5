package io.ecsmonitor.awsfakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One local HTTP server on loopback that answers for every registered fake AWS service, so a single
 * endpoint ({@code AWS_ENDPOINT_URL} or a client's {@code endpointOverride}) serves them all: JSON
 * services are found by their {@code X-Amz-Target} prefix, query services by the signing name in
 * the request's SigV4 credential scope.
 *
 * <p>Every call is recorded ({@link #calls()}), and errors can be injected per operation: the next
 * N calls ({@link #failNext}), every call ({@link #failAlways}), or calls above a rate
 * ({@link #limitRate}), answered the way AWS answers them.
 *
 * <pre>{@code
 * try (FakeAws aws = FakeAws.start()) {
 *     aws.register(new SomeFake());
 *     EcsClient ecs = EcsClient.builder().endpointOverride(aws.endpoint())...build();
 * }
 * }</pre>
 */
public final class FakeAws implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FakeAws.class);
    /** The mapper fakes use to build answers. */
    public static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CREDENTIAL_SCOPE = Pattern.compile("Credential=[^/]+/\\d{8}/[^/]+/([^/]+)/aws4_request");

    /**
     * One call the server answered.
     *
     * @param at        when it arrived
     * @param service   the JSON target prefix or the query signing name
     * @param operation the operation or action
     * @param status    the HTTP status of the answer
     */
    public record Call(Instant at, String service, String operation, int status) {
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final Clock clock;
    private final Map<String, JsonService> jsonServices = new ConcurrentHashMap<>();
    private final Map<String, QueryService> queryServices = new ConcurrentHashMap<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<AwsFault>> nextFaults = new ConcurrentHashMap<>();
    private final Map<String, AwsFault> permanentFaults = new ConcurrentHashMap<>();
    private final Map<String, RateLimit> rateLimits = new ConcurrentHashMap<>();

    private record RateLimit(int perSecond, AwsFault fault, Deque<Long> recent) {
    }

    private FakeAws(HttpServer server, Clock clock) {
        this.server = server;
        this.clock = clock;
        this.executor = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "fake-aws");
            t.setDaemon(true);
            return t;
        });
        server.createContext("/", this::serve);
        server.setExecutor(executor);
        server.start();
    }

    /**
     * Gives the SDK's default credentials chain fake keys (system properties {@code aws.accessKeyId} and
     * {@code aws.secretAccessKey}), so that clients pointed at the fakes sign their requests without a real
     * account; the fakes accept any signature.
     */
    public static void useFakeCredentials() {
        System.setProperty("aws.accessKeyId", "AKIDFAKE");
        System.setProperty("aws.secretAccessKey", "fake-secret");
    }

    /** Starts a server on a free loopback port. */
    public static FakeAws start() {
        return start(0);
    }

    /** Starts a server on {@code port} of the loopback interface (0: any free port). */
    public static FakeAws start(int port) {
        return start(port, Clock.systemUTC());
    }

    /**
     * Starts a server whose rate limits and call records read {@code clock}: a fixed clock makes
     * {@link #limitRate} independent of how fast a loaded machine sends the calls.
     */
    public static FakeAws start(int port, Clock clock) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
            return new FakeAws(server, clock);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the fake AWS server on port " + port + ": " + e.getMessage(), e);
        }
    }

    /** The endpoint to point SDK clients at. */
    public URI endpoint() {
        return URI.create("http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort());
    }

    /** Adds a JSON-protocol service. */
    public FakeAws register(JsonService service) {
        jsonServices.put(service.targetPrefix(), service);
        return this;
    }

    /** Adds a query-protocol service. */
    public FakeAws register(QueryService service) {
        queryServices.put(service.signingName(), service);
        return this;
    }

    /** Every call answered so far, oldest first; a call is recorded before its answer is sent, so a client sees it once answered. */
    public List<Call> calls() {
        return List.copyOf(calls);
    }

    /** The calls of {@code operation} answered so far. */
    public List<Call> calls(String operation) {
        return calls.stream().filter(c -> c.operation().equals(operation)).toList();
    }

    /** Forgets the recorded calls. */
    public void clearCalls() {
        calls.clear();
    }

    /** Answers the next {@code times} calls of {@code operation} with {@code fault}. */
    public FakeAws failNext(String operation, int times, AwsFault fault) {
        Deque<AwsFault> q = nextFaults.computeIfAbsent(operation, k -> new ArrayDeque<>());
        synchronized (q) {
            for (int i = 0; i < times; i++) {
                q.add(fault);
            }
        }
        return this;
    }

    /** Answers every call of {@code operation} with {@code fault} until {@link #clearFaults()}. */
    public FakeAws failAlways(String operation, AwsFault fault) {
        permanentFaults.put(operation, fault);
        return this;
    }

    /**
     * Answers calls of {@code operation} beyond {@code perSecond} in any sliding second with {@code fault},
     * the way AWS throttles an account's request rate.
     */
    public FakeAws limitRate(String operation, int perSecond, AwsFault fault) {
        rateLimits.put(operation, new RateLimit(perSecond, fault, new ArrayDeque<>()));
        return this;
    }

    /** Removes every injected fault and rate limit. */
    public void clearFaults() {
        nextFaults.clear();
        permanentFaults.clear();
        rateLimits.clear();
    }

    private AwsFault injectedFault(String operation) {
        AwsFault permanent = permanentFaults.get(operation);
        if (permanent != null) {
            return permanent;
        }
        Deque<AwsFault> q = nextFaults.get(operation);
        if (q != null) {
            synchronized (q) {
                AwsFault next = q.poll();
                if (next != null) {
                    return next;
                }
            }
        }
        RateLimit limit = rateLimits.get(operation);
        if (limit != null) {
            long now = clock.millis();
            synchronized (limit.recent()) {
                while (!limit.recent().isEmpty() && limit.recent().peekFirst() <= now - 1000) {
                    limit.recent().pollFirst();
                }
                if (limit.recent().size() >= limit.perSecond()) {
                    return limit.fault();
                }
                limit.recent().addLast(now);
            }
        }
        return null;
    }

    private void serve(HttpExchange exchange) throws IOException {
        Instant at = clock.instant();
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            if (target != null) {
                serveJson(exchange, at, target, body);
            } else {
                serveQuery(exchange, at, body);
            }
        } catch (RuntimeException e) {
            LOG.warn("fake AWS server failed on {} {}", exchange.getRequestMethod(), exchange.getRequestURI(), e);
        }
    }

    private void serveJson(HttpExchange exchange, Instant at, String target, byte[] body) throws IOException {
        int dot = target.indexOf('.');
        String prefix = dot < 0 ? target : target.substring(0, dot);
        String operation = dot < 0 ? "" : target.substring(dot + 1);
        JsonService service = jsonServices.get(prefix);
        String contentType = "application/x-amz-json-1.1";
        if (service == null) {
            respondJsonError(exchange, at, prefix, operation, contentType,
                    new AwsFault(400, "UnknownOperationException", "no fake registered for " + target));
            return;
        }
        AwsFault fault = injectedFault(operation);
        if (fault != null) {
            respondJsonError(exchange, at, prefix, operation, contentType, fault);
            return;
        }
        try {
            JsonNode request = body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
            JsonNode answer = service.handle(operation, request);
            byte[] bytes = JSON.writeValueAsBytes(answer == null ? JSON.createObjectNode() : answer);
            calls.add(new Call(at, prefix, operation, 200));
            respond(exchange, 200, contentType, bytes);
        } catch (AwsFault f) {
            respondJsonError(exchange, at, prefix, operation, contentType, f);
        }
    }

    private void respondJsonError(HttpExchange exchange, Instant at, String prefix, String operation, String contentType,
                                  AwsFault fault) throws IOException {
        ObjectNode error = JSON.createObjectNode().put("__type", fault.code()).put("message", fault.getMessage());
        exchange.getResponseHeaders().add("x-amzn-ErrorType", fault.code());
        calls.add(new Call(at, prefix, operation, fault.status()));
        respond(exchange, fault.status(), contentType, JSON.writeValueAsBytes(error));
    }

    private void serveQuery(HttpExchange exchange, Instant at, byte[] body) throws IOException {
        Map<String, String> params = new LinkedHashMap<>();
        parseForm(new String(body, StandardCharsets.UTF_8), params);
        String rawQuery = exchange.getRequestURI().getRawQuery();
        if (rawQuery != null) {
            parseForm(rawQuery, params);
        }
        String action = params.getOrDefault("Action", "");
        QueryService service = queryService(exchange.getRequestHeaders().getFirst("Authorization"));
        if (service == null) {
            respondQueryError(exchange, at, "?", action, "", new AwsFault(400, "InvalidAction",
                    "no fake registered for this request (Authorization scope)"));
            return;
        }
        AwsFault fault = injectedFault(action);
        if (fault != null) {
            respondQueryError(exchange, at, service.signingName(), action, service.xmlNamespace(), fault);
            return;
        }
        try {
            String inner = service.handle(action, params);
            String xml = "<" + action + "Response xmlns=\"" + service.xmlNamespace() + "\"><" + action + "Result>"
                    + (inner == null ? "" : inner) + "</" + action + "Result><ResponseMetadata><RequestId>"
                    + UUID.randomUUID() + "</RequestId></ResponseMetadata></" + action + "Response>";
            calls.add(new Call(at, service.signingName(), action, 200));
            respond(exchange, 200, "text/xml", xml.getBytes(StandardCharsets.UTF_8));
        } catch (AwsFault f) {
            respondQueryError(exchange, at, service.signingName(), action, service.xmlNamespace(), f);
        }
    }

    private QueryService queryService(String authorization) {
        if (authorization != null) {
            Matcher m = CREDENTIAL_SCOPE.matcher(authorization);
            if (m.find()) {
                return queryServices.get(m.group(1));
            }
        }
        return queryServices.size() == 1 ? queryServices.values().iterator().next() : null;
    }

    private void respondQueryError(HttpExchange exchange, Instant at, String service, String action, String ns,
                                   AwsFault fault) throws IOException {
        String xml = "<ErrorResponse xmlns=\"" + ns + "\"><Error><Type>" + (fault.status() >= 500 ? "Receiver" : "Sender")
                + "</Type><Code>" + Xml.escape(fault.code()) + "</Code><Message>" + Xml.escape(fault.getMessage())
                + "</Message></Error><RequestId>" + UUID.randomUUID() + "</RequestId></ErrorResponse>";
        calls.add(new Call(at, service, action, fault.status()));
        respond(exchange, fault.status(), "text/xml", xml.getBytes(StandardCharsets.UTF_8));
    }

    private static void parseForm(String form, Map<String, String> into) {
        for (String pair : form.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            into.put(k, v);
        }
    }

    /** The values of a query-protocol list parameter ({@code Names.member.1}, {@code Names.member.2}, …). */
    public static List<String> memberList(Map<String, String> params, String name) {
        List<String> out = new ArrayList<>();
        for (int i = 1; params.containsKey(name + ".member." + i); i++) {
            out.add(params.get(name + ".member." + i));
        }
        return out;
    }

    private static void respond(HttpExchange exchange, int status, String contentType, byte[] bytes) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", contentType);
        exchange.getResponseHeaders().add("x-amzn-RequestId", UUID.randomUUID().toString());
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
