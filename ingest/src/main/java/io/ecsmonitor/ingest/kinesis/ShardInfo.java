package io.ecsmonitor.ingest.kinesis;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * One shard as far as ordering is concerned: its id, its parents (one after a split, two after a merge)
 * and whether it is closed (has an ending sequence number).
 *
 * @param id      the shard id
 * @param parents the parent shard ids, possibly empty
 * @param closed  true when the shard no longer takes writes
 */
public record ShardInfo(String id, List<String> parents, boolean closed) {

    /** The shard of a ListShards answer. */
    public static ShardInfo of(Shard shard) {
        List<String> parents = new ArrayList<>(2);
        if (shard.parentShardId() != null) {
            parents.add(shard.parentShardId());
        }
        if (shard.adjacentParentShardId() != null) {
            parents.add(shard.adjacentParentShardId());
        }
        boolean closed = shard.sequenceNumberRange() != null && shard.sequenceNumberRange().endingSequenceNumber() != null;
        return new ShardInfo(shard.shardId(), List.copyOf(parents), closed);
    }
}
