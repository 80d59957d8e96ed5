package io.ecsmonitor.ingest.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShardAssignmentTest {

    @Test
    void shouldSpreadIndependentShardsEvenlyOverTasks() {
        List<ShardInfo> shards = List.of(open("s0"), open("s1"), open("s2"), open("s3"));
        List<List<String>> tasks = ShardAssignment.assign(shards, 2);
        assertThat(tasks).hasSize(2).allMatch(t -> t.size() == 2);
        assertThat(tasks.stream().flatMap(List::stream)).containsExactlyInAnyOrder("s0", "s1", "s2", "s3");
    }

    @Test
    void shouldKeepParentsAndChildrenOfASplitOrMergeOnOneTask() {
        List<ShardInfo> shards = List.of(new ShardInfo("p", List.of(), true), new ShardInfo("c1", List.of("p"), false),
                new ShardInfo("c2", List.of("p"), false), new ShardInfo("m", List.of("c2", "x"), false),
                new ShardInfo("x", List.of(), true), open("alone"));
        List<List<String>> tasks = ShardAssignment.assign(shards, 3);
        assertThat(tasks).hasSize(2);
        assertThat(tasks).anySatisfy(t -> assertThat(t).containsExactlyInAnyOrder("c1", "c2", "m", "p", "x"));
        assertThat(tasks).anySatisfy(t -> assertThat(t).containsExactly("alone"));
    }

    @Test
    void shouldTreatAParentNoLongerListedAsAbsent() {
        List<List<String>> tasks = ShardAssignment.assign(List.of(new ShardInfo("c1", List.of("gone"), false),
                new ShardInfo("c2", List.of("gone"), false)), 2);
        assertThat(tasks).hasSize(2);
    }

    private static ShardInfo open(String id) {
        return new ShardInfo(id, List.of(), false);
    }
}
