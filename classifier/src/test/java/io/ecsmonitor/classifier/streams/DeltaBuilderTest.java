package io.ecsmonitor.classifier.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecsmonitor.core.model.Category;
import io.ecsmonitor.core.model.ServiceStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DeltaBuilderTest {

    private static final long START = 1_795_000_020_000L - Math.floorMod(1_795_000_020_000L, 60_000);

    @Test
    void shouldGiveTheSameWindowWhetherObservationsAreFoldedOneByOneOrMergedAsDeltas() {
        Random random = new Random(7);
        Category[] categories = Category.values();
        List<Observation> all = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            boolean noise = random.nextInt(5) == 0;
            Category c = noise || random.nextBoolean() ? null : categories[random.nextInt(categories.length)];
            String fp = c == null ? null : "fp" + random.nextInt(40);
            all.add(new Observation("api", "prod", "s" + random.nextInt(4), "t" + random.nextInt(4), "app",
                    START + random.nextInt(60_000), noise, c, fp, random.nextInt(6), c == null ? null : "sample of " + fp,
                    null));
        }
        int tracked = 25; // fewer than the fingerprints: the order they are first seen decides which are listed

        ServiceStats folded = StatsProcessor.empty("api", START, START + 60_000);
        for (Observation o : all) {
            folded = StatsProcessor.fold(folded, o, tracked);
        }
        ServiceStats merged = StatsProcessor.empty("api", START, START + 60_000);
        int deltas = 0;
        for (int from = 0; from < all.size(); deltas++) {
            int to = Math.min(all.size(), from + 1 + random.nextInt(300));
            DeltaBuilder b = new DeltaBuilder("api", START, START + 60_000, 5);
            all.subList(from, to).forEach(b::add);
            merged = StatsProcessor.merge(merged, b.build().counts(), tracked);
            from = to;
        }

        assertThat(merged).isEqualTo(folded);
        assertThat(folded.events()).isEqualTo(2_000);
        assertThat(folded.topFingerprints()).hasSize(tracked);
        assertThat(deltas).isGreaterThan(5);
    }

    @Test
    void shouldKeepTheLastErrorsTasksAndTheLatestTaskOfItsEventsInOrder() {
        DeltaBuilder b = new DeltaBuilder("api", START, START + 60_000, 2);
        b.add(new Observation("api", null, "s/a", "a", null, START + 5, false, Category.OOM, "f1", 0, "oom 1", null));
        b.add(new Observation("api", null, "s/b", "b", null, START + 9, false, Category.TIMEOUT, "f2", 0, "timeout", null));
        b.add(new Observation("api", null, "s/a", "a", null, START + 7, false, Category.OOM, "f1", 0, "oom 2", null));
        ServiceDelta d = b.build();

        assertThat(d.lastErrors()).extracting(StreamState.ErrorLine::text).containsExactly("timeout", "oom 2");
        assertThat(d.tasks()).containsEntry("a", START + 7).containsEntry("b", START + 9);
        assertThat(d.lastTaskId()).isEqualTo("a");
        assertThat(d.lastLogStream()).isEqualTo("s/a");
        assertThat(d.counts().topFingerprints()).extracting(f -> f.fingerprint() + "=" + f.count() + ":" + f.sample())
                .containsExactly("f1=2:oom 1", "f2=1:timeout");
    }
}
