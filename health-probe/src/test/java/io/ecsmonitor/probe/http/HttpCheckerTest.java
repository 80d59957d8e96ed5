package io.ecsmonitor.probe.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.ecsmonitor.core.model.HealthReport.HttpCheck;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpCheckerTest {

    private HttpServer server;
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final AtomicInteger calls = new AtomicInteger();
    private final CountDownLatch release = new CountDownLatch(1);
    private final HttpChecker checker = new HttpChecker(3, Duration.ofMillis(50), Duration.ofMillis(500));

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/ok", ex -> respond(ex, 200));
        server.createContext("/error", ex -> respond(ex, 500));
        server.createContext("/flaky", ex -> respond(ex, failuresLeft.getAndDecrement() > 0 ? 503 : 200));
        server.createContext("/redirect", ex -> {
            ex.getResponseHeaders().add("Location", "/ok");
            respond(ex, 302);
        });
        server.createContext("/hang", ex -> {
            calls.incrementAndGet();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.close();
        });
        server.start();
    }

    private void respond(com.sun.net.httpserver.HttpExchange ex, int status) throws IOException {
        calls.incrementAndGet();
        ex.sendResponseHeaders(status, -1);
        ex.close();
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @Test
    void shouldPassOnTheFirstAttemptWhenTheEndpointAnswers200() {
        HttpCheck c = checker.check(url("/ok"));
        assertThat(c.ok()).isTrue();
        assertThat(c.status()).isEqualTo(200);
        assertThat(c.attempts()).isEqualTo(1);
        assertThat(HttpChecker.findings(c)).isEmpty();
    }

    @Test
    void shouldFailAfterEveryAttemptWhenTheEndpointAnswers500() {
        HttpCheck c = checker.check(url("/error"));
        assertThat(c.ok()).isFalse();
        assertThat(c.status()).isEqualTo(500);
        assertThat(c.attempts()).isEqualTo(3);
        assertThat(calls).hasValue(3);
        assertThat(HttpChecker.findings(c)).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo("http_failed");
            assertThat(f.message()).contains("answered HTTP 500 after 3 attempt(s)");
            assertThat(f.evidence()).containsEntry("status", "500");
        });
    }

    @Test
    void shouldPassWhenALaterAttemptSucceeds() {
        failuresLeft.set(2);
        HttpCheck c = checker.check(url("/flaky"));
        assertThat(c.ok()).isTrue();
        assertThat(c.attempts()).isEqualTo(3);
    }

    @Test
    void shouldFollowRedirects() {
        HttpCheck c = checker.check(url("/redirect"));
        assertThat(c.ok()).isTrue();
        assertThat(c.status()).isEqualTo(200);
        assertThat(calls).hasValue(2);
    }

    @Test
    void shouldTimeOutEachAttemptOfAHangingEndpoint() {
        long start = System.nanoTime();
        HttpCheck c = checker.check(url("/hang"));
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(c.ok()).isFalse();
        assertThat(c.status()).isZero();
        assertThat(c.attempts()).isEqualTo(3);
        assertThat(c.error()).contains("no answer within 500 ms");
        assertThat(tookMs).isBetween(3 * 500L, 20_000L);
    }

    @Test
    void shouldReportARefusedConnection() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        HttpCheck c = new HttpChecker(1, Duration.ZERO, Duration.ofMillis(500)).check(URI.create("http://127.0.0.1:" + port + "/"));
        assertThat(c.ok()).isFalse();
        assertThat(c.error()).isEqualTo("connection refused");
    }
}
