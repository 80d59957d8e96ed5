package io.ecsmonitor.ingest.kinesis;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.connect.errors.ConnectException;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ListShardsRequest;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;

/** Calls on a whole stream. */
final class KinesisStreams {

    private KinesisStreams() {
    }

    /**
     * Every shard of {@code stream} that Kinesis still lists (open, and closed within retention).
     *
     * @throws ConnectException saying the stream does not exist and which setting names it
     */
    static List<ShardInfo> listShards(KinesisClient kinesis, String stream) {
        List<ShardInfo> out = new ArrayList<>();
        String token = null;
        try {
            do {
                ListShardsRequest request = token == null
                        ? ListShardsRequest.builder().streamName(stream).build()
                        : ListShardsRequest.builder().nextToken(token).build();
                ListShardsResponse response = kinesis.listShards(request);
                response.shards().forEach(s -> out.add(ShardInfo.of(s)));
                token = response.nextToken();
            } while (token != null);
        } catch (ResourceNotFoundException e) {
            throw new ConnectException("Kinesis stream '" + stream + "' does not exist in this region; create it, "
                    + "or fix " + KinesisSourceConfig.STREAM_CONFIG + " / " + "aws.region", e);
        }
        return out;
    }
}
