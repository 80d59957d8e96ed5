package io.ecsmonitor.probe.http;

import io.ecsmonitor.core.model.HealthReport.Finding;
import io.ecsmonitor.core.model.HealthReport.HttpCheck;
import io.ecsmonitor.core.model.HealthReport.Severity;
import io.ecsmonitor.probe.Findings;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks an HTTP endpoint the way a deploy health check does: up to N attempts with a pause between
 * them, each with its own timeout, redirects followed; the first 2xx or 3xx answer passes.
 */
public final class HttpChecker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpChecker.class);
    /** The User-Agent of every request. */
    public static final String USER_AGENT = "ecs-monitor-health-probe";

    private final HttpClient client;
    private final int attempts;
    private final Duration pause;
    private final Duration timeout;

    /** A checker that trusts the JVM's default trust store. */
    public HttpChecker(int attempts, Duration pause, Duration timeout) {
        this(attempts, pause, timeout, defaultContext());
    }

    /** A checker whose https requests trust {@code ssl}. */
    public HttpChecker(int attempts, Duration pause, Duration timeout, SSLContext ssl) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1");
        }
        this.attempts = attempts;
        this.pause = pause;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(timeout)
                .sslContext(ssl).build();
    }

    private static SSLContext defaultContext() {
        try {
            return SSLContext.getDefault();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("no default TLS context", e);
        }
    }

    /** Checks {@code url}. Never throws; an interrupt ends the attempts and is kept. */
    public HttpCheck check(URI url) {
        int status = 0;
        long latency = 0;
        String error = null;
        int made = 0;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            made = attempt;
            long start = System.nanoTime();
            try {
                HttpResponse<Void> r = client.send(HttpRequest.newBuilder(url).timeout(timeout).header("User-Agent", USER_AGENT)
                        .GET().build(), HttpResponse.BodyHandlers.discarding());
                latency = (System.nanoTime() - start) / 1_000_000;
                status = r.statusCode();
                error = status >= 400 ? "HTTP " + status : null;
                if (status >= 200 && status < 400) {
                    return new HttpCheck(url.toString(), true, status, latency, made, null);
                }
            } catch (HttpConnectTimeoutException e) {
                latency = (System.nanoTime() - start) / 1_000_000;
                status = 0;
                error = "connect timed out after " + timeout.toMillis() + " ms";
            } catch (HttpTimeoutException e) {
                latency = (System.nanoTime() - start) / 1_000_000;
                status = 0;
                error = "no answer within " + timeout.toMillis() + " ms";
            } catch (ConnectException e) {
                latency = (System.nanoTime() - start) / 1_000_000;
                status = 0;
                error = "connection refused";
            } catch (SSLException e) {
                latency = (System.nanoTime() - start) / 1_000_000;
                status = 0;
                error = "TLS failed: " + e.getMessage();
            } catch (IOException e) {
                latency = (System.nanoTime() - start) / 1_000_000;
                status = 0;
                error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                error = "interrupted";
                break;
            }
            LOG.debug("http attempt failed url={} attempt={} status={} error={}", url, attempt, status, error);
            if (attempt < attempts && !pause.isZero()) {
                try {
                    Thread.sleep(pause.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        return new HttpCheck(url.toString(), false, status, latency, made, error);
    }

    /** The findings of one check: a CRITICAL {@code http_failed} when no attempt passed. */
    public static List<Finding> findings(HttpCheck c) {
        if (c.ok()) {
            return List.of();
        }
        String what = c.status() > 0 ? "answered HTTP " + c.status() : c.error();
        return List.of(Findings.of(Severity.CRITICAL, "http_failed", c.url() + " " + what + " after " + c.attempts()
                + " attempt(s)", "url", c.url(), "status", c.status() > 0 ? c.status() : null, "attempts", c.attempts(),
                "error", c.error()));
    }

    @Override
    public void close() {
        // HttpClient is AutoCloseable only from Java 21; its threads are daemons and end with the last reference.
    }
}
