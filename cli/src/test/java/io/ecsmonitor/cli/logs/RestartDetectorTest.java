package io.ecsmonitor.cli.logs;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecsmonitor.core.model.LogEvent;
import io.ecsmonitor.core.model.RestartEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RestartDetectorTest {

    private static final String TASK_A = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
    private static final String TASK_B = "1a2b3c4d5e6f708192a3b4c5d6e7f809";
    private static final long WINDOW_START = 1_000_000;

    private final List<LogEvent> events = new ArrayList<>();

    private void put(String container, String task, long ts, String message) {
        events.add(new LogEvent("api", "prod", "/ecs/api", "ecs/" + container + "/" + task, task, container,
                String.format("%056d", events.size()), ts, ts, message, "filter"));
    }

    private List<RestartEvent> detect(Map<String, Long> firstEvents) {
        List<AnalyzedEvent> analyzed = new LogAnalyzer().analyze(events);
        return RestartDetector.detect("api", "prod", analyzed, firstEvents, WINDOW_START);
    }

    @Test
    void shouldCountTheContainersOfOneNewTaskAsOneTaskStart() {
        put("app", TASK_A, WINDOW_START + 10, "INFO serving");
        put("app", TASK_B, WINDOW_START + 20_000, "INFO Server listening on port 8080");
        put("envoy", TASK_B, WINDOW_START + 20_001, "[info] envoy ready");

        List<RestartEvent> restarts = detect(Map.of("ecs/app/" + TASK_A, 0L, "ecs/app/" + TASK_B, WINDOW_START + 20_000,
                "ecs/envoy/" + TASK_B, WINDOW_START + 20_001));

        assertThat(restarts).singleElement().satisfies(r -> {
            assertThat(r.kind()).isEqualTo(RestartEvent.Kind.TASK_START);
            assertThat(r.taskId()).isEqualTo(TASK_B);
            assertThat(r.previousTaskId()).isEqualTo(TASK_A);
            assertThat(r.lastErrors()).isEmpty();
            assertThat(r.lastErrorCategory()).isNull();
        });
    }

    @Test
    void shouldTrustCloudWatchOverABannerWhenTheStreamBeganBeforeTheWindow() {
        put("app", TASK_A, WINDOW_START + 10, "INFO serving");
        put("app", TASK_B, WINDOW_START + 20, "Tomcat started on port 8080 (http)");

        assertThat(detect(Map.of("ecs/app/" + TASK_A, 0L, "ecs/app/" + TASK_B, WINDOW_START - 5))).isEmpty();
        assertThat(detect(Map.of())).hasSize(1);
    }

    @Test
    void shouldNotTakeABannerWithoutACrashBeforeItForAContainerRestart() {
        put("app", TASK_A, WINDOW_START + 10, "ERROR payment declined");
        put("app", TASK_A, WINDOW_START + 20_000, "Tomcat started on port 8080 (http)");
        put("app", TASK_A, WINDOW_START + 30_000, "fatal error: all goroutines are asleep - deadlock!");
        put("app", TASK_A, WINDOW_START + 40_000, "Tomcat started on port 8080 (http)");

        List<RestartEvent> restarts = detect(Map.of());

        assertThat(restarts).singleElement().satisfies(r -> {
            assertThat(r.kind()).isEqualTo(RestartEvent.Kind.CONTAINER_RESTART);
            assertThat(r.timestamp()).isEqualTo(WINDOW_START + 40_000);
            assertThat(r.lastErrors()).containsExactly("ERROR payment declined", "fatal error: all goroutines are asleep - deadlock!");
            assertThat(r.lastErrorCategory().wireName()).isEqualTo("fatal");
        });
    }
}
