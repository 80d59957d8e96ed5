package io.ecsmonitor.alerts.diagnosis;

import static io.ecsmonitor.alerts.diagnosis.Fixtures.at;
import static io.ecsmonitor.alerts.diagnosis.Fixtures.window;
import static org.assertj.core.api.Assertions.assertThat;

import io.ecsmonitor.alerts.AlertsConfig;
import io.ecsmonitor.core.model.Category;
import io.ecsmonitor.core.model.Diagnosis;
import org.junit.jupiter.api.Test;

class ServiceHistoryTest {

    @Test
    void shouldReplaceAnUpdatedWindowInsteadOfCountingItTwice() {
        ServiceHistory h = ServiceHistory.empty("api")
                .withStats(window("api", 0).events(10).error(Category.TIMEOUT, "00000000000000aa", 2, "timeout").updatedAtSecond(20).build())
                .withStats(window("api", 1).events(5).build())
                .withStats(window("api", 0).events(30).error(Category.TIMEOUT, "00000000000000aa", 7, "timeout").updatedAtSecond(50).build());
        assertThat(h.windows()).extracting(s -> s.windowStart()).containsExactly(at(0), at(1));
        Diagnosis d = new Diagnoser(AlertsConfig.defaults()).diagnose("api", at(2), null, h, null);
        assertThat(d.counts().get(0).errors()).isEqualTo(7);
        assertThat(d.counts().get(0).events()).isEqualTo(37 + 5);
        assertThat(d.topFingerprints()).singleElement().satisfies(f -> assertThat(f.count()).isEqualTo(7));
    }

    @Test
    void shouldMoveTheServicesTimeOnByTheQuietWallClockTime() {
        ServiceHistory h = ServiceHistory.empty("api").touched(at(10), 5_000, null);
        assertThat(h.timeAt(5_000)).isEqualTo(at(10));
        assertThat(h.timeAt(65_000)).isEqualTo(at(11));
        assertThat(h.prunedBefore(at(0)).windows()).isEmpty();
    }
}
