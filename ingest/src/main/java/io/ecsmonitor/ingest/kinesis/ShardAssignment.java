package io.ecsmonitor.ingest.kinesis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Spreads a stream's shards over tasks. Shards related by a split or a merge (a family: the connected
 * parts of the parent/child graph) go to the same task, so the task that reads a child has read its
 * parents to the end first and per-stream order holds without coordination between tasks. Families
 * are dealt out largest first, each to the task with the fewest open shards.
 */
public final class ShardAssignment {

    private ShardAssignment() {
    }

    /** At most {@code maxTasks} non-empty groups of shard ids; a shard appears in exactly one. */
    public static List<List<String>> assign(List<ShardInfo> shards, int maxTasks) {
        Map<String, String> root = new HashMap<>();
        for (ShardInfo s : shards) {
            root.put(s.id(), s.id());
        }
        for (ShardInfo s : shards) {
            for (String p : s.parents()) {
                if (root.containsKey(p)) {
                    union(root, s.id(), p);
                }
            }
        }
        Map<String, List<ShardInfo>> families = new TreeMap<>();
        for (ShardInfo s : shards) {
            families.computeIfAbsent(find(root, s.id()), k -> new ArrayList<>()).add(s);
        }
        List<List<ShardInfo>> ordered = new ArrayList<>(families.values());
        ordered.sort(Comparator.comparingLong(ShardAssignment::openShards).reversed()
                .thenComparing(f -> f.get(0).id()));
        int tasks = Math.max(1, Math.min(maxTasks, ordered.size()));
        List<List<String>> out = new ArrayList<>();
        long[] load = new long[tasks];
        for (int i = 0; i < tasks; i++) {
            out.add(new ArrayList<>());
        }
        for (List<ShardInfo> family : ordered) {
            int least = 0;
            for (int i = 1; i < tasks; i++) {
                if (load[i] < load[least]) {
                    least = i;
                }
            }
            family.stream().map(ShardInfo::id).sorted().forEach(out.get(least)::add);
            load[least] += Math.max(1, openShards(family));
        }
        out.removeIf(List::isEmpty);
        return out;
    }

    private static long openShards(List<ShardInfo> family) {
        return family.stream().filter(s -> !s.closed()).count();
    }

    private static String find(Map<String, String> root, String id) {
        String r = id;
        while (!root.get(r).equals(r)) {
            r = root.get(r);
        }
        root.put(id, r);
        return r;
    }

    private static void union(Map<String, String> root, String a, String b) {
        String ra = find(root, a);
        String rb = find(root, b);
        if (!ra.equals(rb)) {
            if (ra.compareTo(rb) < 0) {
                root.put(rb, ra);
            } else {
                root.put(ra, rb);
            }
        }
    }
}
