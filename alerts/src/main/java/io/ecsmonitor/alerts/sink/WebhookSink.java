package io.ecsmonitor.alerts.sink;

import io.ecsmonitor.core.model.Alert;
import io.ecsmonitor.core.serde.JsonSerde;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;

/** POSTs each alert as JSON, exactly the schema of {@code ecs-monitor.alerts}, to a URL. */
public final class WebhookSink implements AlertSink {

    private final URI url;
    private final HttpPost http;

    public WebhookSink(URI url, HttpClient client, Duration timeout) {
        this.url = url;
        this.http = new HttpPost(client, timeout);
    }

    @Override
    public String name() {
        return "webhook";
    }

    @Override
    public void deliver(Alert alert) throws DeliveryException {
        byte[] json;
        try {
            json = JsonSerde.MAPPER.writeValueAsBytes(alert);
        } catch (IOException e) {
            throw new DeliveryException("cannot write the alert as JSON: " + e, false, e);
        }
        http.post(url, json);
    }
}
