package io.ecsmonitor.classifier.streams;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StartupMarkersTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "Started OrderApplication in 4.2 seconds (process running for 4.9)",
        "o.s.b.w.embedded.tomcat.TomcatWebServer: Tomcat started on port 8080 (http)",
        "Netty started on port(s): 8080",
        "[2024-01-01 00:00:00 +0000] [1] [INFO] Starting gunicorn 21.2.0",
        "[1] [INFO] Listening at: http://0.0.0.0:8000 (1)",
        "INFO:     Uvicorn running on http://0.0.0.0:8000 (Press CTRL+C to quit)",
        "INFO:     Application startup complete.",
        "Server listening on port 3000", "Server is running at http://localhost:3000", "listening on port 8080",
        "[Nest] 1  - LOG [NestApplication] Nest application successfully started +3ms",
        "Now listening on: http://[::]:8080", "Listening on tcp://0.0.0.0:3000", "Listening on :8080",
        "Puma starting in single mode...", "HTTP server started", "Application started. Press Ctrl+C to shut down.",
        "SERVER LISTENING ON 0.0.0.0:80"})
    void shouldRecogniseStartupBannersThroughTheCheapFilter(String line) {
        assertThat(StartupMarkers.mayBeBanner(line)).isTrue();
        assertThat(StartupMarkers.isStartup(line + "\nsecond line")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET /health 200", "ERROR connection refused", "OOMKilled", "stopping server", ""})
    void shouldNotTakeOrdinaryLinesForBanners(String line) {
        assertThat(StartupMarkers.isStartup(line)).isFalse();
    }
}
