package io.ecsmonitor.ingest.testing;

import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Assumptions;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * The kinesalite emulator the Kinesis ITs run against: {@code ecsmonitor.kinesalite.endpoint}
 * (default {@value #DEFAULT_ENDPOINT}). {@code .ci/run} installs and starts it; locally a missing
 * kinesalite skips the ITs with a message saying how to start it, except under CI, where it fails them.
 */
public final class Kinesalite {

    public static final String DEFAULT_ENDPOINT = "http://localhost:4567";

    private Kinesalite() {
    }

    public static URI endpoint() {
        return URI.create(System.getProperty("ecsmonitor.kinesalite.endpoint", DEFAULT_ENDPOINT));
    }

    /** Skips (locally) or fails (CI) unless kinesalite answers. */
    public static void assumeRunning() {
        URI uri = endpoint();
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 1000);
        } catch (IOException e) {
            String message = "kinesalite is not reachable at " + uri + "; start it with "
                    + "'npm install --prefix /tmp/kinesalite kinesalite && /tmp/kinesalite/node_modules/.bin/kinesalite --port 4567' "
                    + "(.ci/run does this)";
            if (System.getenv("CI") != null) {
                fail(message);
            }
            Assumptions.abort(message);
        }
    }

    /** A client for setting up streams (the SDK's CBOR is off through aws.cborEnabled=false in the test JVM). */
    public static KinesisClient client() {
        return KinesisClient.builder().endpointOverride(endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    /** Creates {@code name} with {@code shards} shards and waits until it is active. */
    public static void createStream(KinesisClient kinesis, String name, int shards) {
        kinesis.createStream(r -> r.streamName(name).shardCount(shards));
        await().atMost(Duration.ofSeconds(20)).until(() ->
                kinesis.describeStream(r -> r.streamName(name)).streamDescription().streamStatus() == StreamStatus.ACTIVE);
    }

    /** The open shards of {@code stream}. */
    public static List<Shard> openShards(KinesisClient kinesis, String stream) {
        return kinesis.listShards(r -> r.streamName(stream)).shards().stream()
                .filter(s -> s.sequenceNumberRange().endingSequenceNumber() == null).toList();
    }

    /** Splits {@code shard} in the middle of its hash range and waits until the stream is active again. */
    public static void split(KinesisClient kinesis, String stream, Shard shard) {
        BigInteger lo = new BigInteger(shard.hashKeyRange().startingHashKey());
        BigInteger hi = new BigInteger(shard.hashKeyRange().endingHashKey());
        String middle = lo.add(hi).shiftRight(1).toString();
        kinesis.splitShard(r -> r.streamName(stream).shardToSplit(shard.shardId()).newStartingHashKey(middle));
        await().atMost(Duration.ofSeconds(20)).until(() ->
                kinesis.describeStream(r -> r.streamName(stream)).streamDescription().streamStatus() == StreamStatus.ACTIVE);
    }

    /** Puts one payload with {@code partitionKey}. */
    public static PutRecordResponse put(KinesisClient kinesis, String stream, String partitionKey, byte[] payload) {
        return kinesis.putRecord(r -> r.streamName(stream).partitionKey(partitionKey).data(SdkBytes.fromByteArray(payload)));
    }

    /** Puts one payload into the shard whose hash range holds {@code hashKey}. */
    public static PutRecordResponse putAt(KinesisClient kinesis, String stream, String hashKey, byte[] payload) {
        return kinesis.putRecord(r -> r.streamName(stream).partitionKey("k").explicitHashKey(hashKey)
                .data(SdkBytes.fromByteArray(payload)));
    }

    /** gzip of {@code text}. */
    public static byte[] gzip(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }
}
