package io.ecsmonitor.cli.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HealthStateFileTest {

    @TempDir
    Path dir;

    private Path write(String json) throws Exception {
        Path p = dir.resolve("ecs-health.json");
        Files.writeString(p, json);
        return p;
    }

    @Test
    void shouldReadReportsKeyedByServiceUnderServicesAndSkipTheEndpointsEntry() throws Exception {
        Path p = write("""
                {"cluster":"prod","previous":{"api":{"status":"HEALTHY"}},
                 "services":{"api":{"service":"api","status":"UNHEALTHY","summary":"0 of 2 running","probedAt":5,
                                    "findings":[{"severity":"CRITICAL","code":"running_below_desired"}]},
                             "web":{"status":"healthy"},
                             "_endpoints":{"service":"_endpoints","status":"UNHEALTHY"}}}""");
        assertThat(HealthStateFile.read(p)).containsExactly(
                new HealthStateFile.Entry("api", "UNHEALTHY", "0 of 2 running", 5),
                new HealthStateFile.Entry("web", "HEALTHY", null, 0));
    }

    @Test
    void shouldReadAnArrayOfReportsAndATopLevelMap() throws Exception {
        assertThat(HealthStateFile.read(write("{\"reports\":[{\"service\":\"api\",\"status\":\"DEGRADED\"},{\"status\":\"UNHEALTHY\"}]}")))
                .extracting(HealthStateFile.Entry::service, HealthStateFile.Entry::needsDiagnosis)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("api", true));
        assertThat(HealthStateFile.read(write("{\"api\":{\"status\":\"UNKNOWN\"},\"generatedAt\":12,\"web\":{\"status\":\"DEGRADED\"}}")))
                .extracting(HealthStateFile.Entry::service, HealthStateFile.Entry::needsDiagnosis)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("api", false), org.assertj.core.groups.Tuple.tuple("web", true));
    }

    @Test
    void shouldSayWhatToDoWhenTheFileIsMissingOrNotJson() throws Exception {
        assertThatThrownBy(() -> HealthStateFile.read(dir.resolve("none.json")))
                .hasMessageContaining("does not exist; run 'ecs-monitor health'");
        Path broken = write("{\"api\": ");
        assertThatThrownBy(() -> HealthStateFile.read(broken)).hasMessageContaining("is not readable JSON");
        Path array = write("[1,2]");
        assertThatThrownBy(() -> HealthStateFile.read(array)).hasMessageContaining("is not a JSON object of service reports");
    }
}
