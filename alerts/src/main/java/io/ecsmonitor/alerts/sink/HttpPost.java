package io.ecsmonitor.alerts.sink;

import io.ecsmonitor.alerts.sink.AlertSink.DeliveryException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** One JSON POST with the error classification the sinks share: 408, 429 and 5xx and I/O errors are retryable. */
final class HttpPost {

    private final HttpClient client;
    private final Duration timeout;

    HttpPost(HttpClient client, Duration timeout) {
        this.client = client;
        this.timeout = timeout;
    }

    void post(URI uri, byte[] json) throws DeliveryException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "ecs-monitor")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json)).build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new DeliveryException("POST " + redacted(uri) + " failed: " + e, true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException("POST " + redacted(uri) + " interrupted", false, e);
        }
        int status = response.statusCode();
        if (status / 100 == 2) {
            return;
        }
        String body = response.body() == null ? "" : response.body().strip();
        if (body.length() > 200) {
            body = body.substring(0, 200) + "...";
        }
        boolean retryable = status == 408 || status == 429 || status >= 500;
        throw new DeliveryException("POST " + redacted(uri) + " answered " + status + (body.isEmpty() ? "" : ": " + body), retryable);
    }

    /** The URL without its path: webhook paths carry secrets (Slack's do). */
    static String redacted(URI uri) {
        return uri.getScheme() + "://" + uri.getAuthority() + (uri.getPath() == null || uri.getPath().isEmpty() ? "" : "/…");
    }
}
