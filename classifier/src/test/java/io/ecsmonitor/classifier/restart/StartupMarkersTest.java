package io.ecsmonitor.classifier.restart;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StartupMarkersTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "2026-11-22 01:00:00.123  INFO 1 --- [main] c.s.ApiApplication : Started ApiApplication in 4.213 seconds (process running for 5.1)",
        "o.s.b.w.embedded.tomcat.TomcatWebServer  : Tomcat started on port 8080 (http) with context path ''",
        "[2026-11-22 01:00:00 +0000] [1] [INFO] Starting gunicorn 21.2.0",
        "[2026-11-22 01:00:00 +0000] [7] [INFO] Booting worker with pid: 7",
        "INFO:     Uvicorn running on http://0.0.0.0:8000 (Press CTRL+C to quit)",
        "INFO:     Application startup complete.",
        " * Running on http://127.0.0.1:5000",
        "info: Microsoft.Hosting.Lifetime[14]\n      Now listening on: http://[::]:8080",
        "Puma starting in single mode...",
        "Server listening on port 3000",
        "App listening on :3000",
        "{\"level\":\"info\",\"msg\":\"starting HTTP server\",\"addr\":\":8080\"}",
        "2026/11/22 01:00:00 listening on :8080",
        "quarkus-app 1.0 on JVM (powered by Quarkus 3.8) started in 1.234s. Listening on: http://0.0.0.0:8080",
        "[2026-11-22 01:00:00 +0000] [1] [INFO] Listening at: http://0.0.0.0:8000 (1)",
        "[Nest] 1  - 11/22/2026, 1:00:00 AM     LOG [NestApplication] Nest application successfully started",
        "netty started on port 8080",
        "2026-11-22T01:00:00Z INFO server started"})
    void shouldRecogniseStartUpBanners(String line) {
        assertThat(StartupMarkers.mayBeBanner(line)).isTrue();
        assertThat(StartupMarkers.isBanner(line)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "INFO order 42 stored",
        "ERROR failed to connect to db on port 5432",
        "GET /start 200 1.2 ms",
        "Started processing batch 12",
        "user listening preferences updated",
        "",
        "ERROR crashed\nServer listening on port 3000"})
    void shouldNotTakeOrdinaryLinesForBanners(String line) {
        assertThat(StartupMarkers.isBanner(line)).isFalse();
    }

    @Test
    void shouldMatchOnlyTheStartOfAVeryLongFirstLine() {
        String padding = "x".repeat(StartupMarkers.MAX_LINE_CHARS);
        assertThat(StartupMarkers.isBanner("Server listening on port 3000 " + padding)).isTrue();
        assertThat(StartupMarkers.isBanner(padding + " Server listening on port 3000")).isFalse();
        assertThat(StartupMarkers.isBanner(null)).isFalse();
    }
}
