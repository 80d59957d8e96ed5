package io.ecsmonitor.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecsmonitor.classifier.ErrorClassifier;
import io.ecsmonitor.classifier.Verdict;
import io.ecsmonitor.classifier.stitch.StitchConfig;
import io.ecsmonitor.classifier.stitch.Stitcher;
import io.ecsmonitor.core.model.Category;
import io.ecsmonitor.core.model.LogEvent;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoIncidentTest {

    private static final Instant END = Instant.parse("2026-11-22T10:00:00Z");

    private record Tally(Map<Category, Integer> categories, int[] noise) {
    }

    private static Map<String, Tally> classify(List<LogEvent> events) {
        ErrorClassifier classifier = new ErrorClassifier();
        Map<String, Tally> byService = new HashMap<>();
        Stitcher<LogEvent> stitcher = new Stitcher<>(StitchConfig.DEFAULTS, s -> {
            Verdict v = classifier.classify(s.message());
            Tally t = byService.computeIfAbsent(s.attachment().service(), k -> new Tally(new HashMap<>(), new int[1]));
            if (v.noise()) {
                t.noise()[0]++;
            } else if (v.category() != null) {
                t.categories().merge(v.category(), 1, Integer::sum);
            }
        });
        for (LogEvent e : events) {
            stitcher.accept(e.streamKey(), e.timestamp(), e.message(), e);
        }
        stitcher.flushAll();
        return byService;
    }

    @Test
    void shouldPlayAnOomCrashLoopABadDeploymentAndAHealthyChattyService() {
        List<LogEvent> events = DemoIncident.events(END);
        assertThat(events).allSatisfy(e -> {
            assertThat(e.missingRequiredField()).isNull();
            assertThat(e.timestamp()).isBetween(END.toEpochMilli() - 12 * 60_000L, END.toEpochMilli());
        });
        Map<String, Tally> tally = classify(events);

        assertThat(tally.get(DemoIncident.CHECKOUT).categories()).containsOnlyKeys(Category.OOM)
                .containsEntry(Category.OOM, DemoIncident.CHECKOUT_OOM_KILLS);
        assertThat(tally.get(DemoIncident.API).categories()).containsOnlyKeys(Category.HTTP_5XX, Category.CONNECTION_ERROR);
        assertThat(tally.get(DemoIncident.API).categories().get(Category.HTTP_5XX)).isGreaterThan(20);
        assertThat(tally.get(DemoIncident.CATALOG).categories()).isEmpty();
        assertThat(tally.get(DemoIncident.CATALOG).noise()[0]).isGreaterThan(300);
    }

    @Test
    void shouldBeTheSameIncidentEveryTime() {
        assertThat(DemoIncident.events(END)).isEqualTo(DemoIncident.events(END));
        assertThat(DemoIncident.events(END).stream().map(LogEvent::taskId).filter(t -> t.length() != 32)).isEmpty();
    }
}
