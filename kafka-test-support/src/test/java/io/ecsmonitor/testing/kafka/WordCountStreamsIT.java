package io.ecsmonitor.testing.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@WithKafka
class WordCountStreamsIT {

    private static final String SPLIT_INTO_WORDS = "split-into-words";
    private static final String BY_WORD = "by-word";
    private static final String WORD_COUNTS_STORE = "word-counts";

    /** A small exactly-once application: counts the words of the lines on {@code input}. */
    static Topology buildWordCount(StreamsBuilder builder, String inputTopic, String outputTopic) {
        builder.stream(inputTopic, Consumed.with(Serdes.String(), Serdes.String()).withName("read-lines"))
                .flatMapValues(line -> Arrays.asList(line.toLowerCase(Locale.ROOT).split("\\W+")),
                        Named.as(SPLIT_INTO_WORDS))
                .filter((key, word) -> !word.isEmpty(), Named.as("drop-empty-words"))
                .groupBy((key, word) -> word, Grouped.with(BY_WORD, Serdes.String(), Serdes.String()))
                .count(Named.as("count-words"), Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as(
                        WORD_COUNTS_STORE).withKeySerde(Serdes.String()).withValueSerde(Serdes.Long()))
                .toStream(Named.as("word-count-changes"))
                .to(outputTopic, Produced.with(Serdes.String(), Serdes.Long()).withName("write-word-counts"));
        return builder.build();
    }

    @Test
    void shouldCountWordsExactlyOnceIntoTheOutputTopic(KafkaCluster kafka, @TempDir Path stateDir) throws Exception {
        String input = KafkaCluster.uniqueName("lines");
        String output = KafkaCluster.uniqueName("word-counts");
        String applicationId = KafkaCluster.uniqueName("word-count");
        kafka.createTopic(input, 2, 1);
        kafka.createTopic(output, 1, 1);
        Properties streamsConfig = kafka.streamsConfig(applicationId, stateDir);
        streamsConfig.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);

        try (KafkaStreams streams = new KafkaStreams(buildWordCount(new StreamsBuilder(), input, output),
                streamsConfig)) {
            streams.start();
            try (KafkaProducer<String, String> producer =
                         new KafkaProducer<>(kafka.producerConfig(), new StringSerializer(), new StringSerializer())) {
                for (String line : List.of("ERROR timeout calling db", "error: OOM", "Timeout again, error")) {
                    producer.send(new ProducerRecord<>(input, line, line)).get();
                }
            }

            Map<String, Long> latestCounts = new HashMap<>();
            try (KafkaConsumer<String, Long> consumer = new KafkaConsumer<>(
                    kafka.consumerConfig(KafkaCluster.uniqueName("word-count-reader")),
                    new StringDeserializer(), new LongDeserializer())) {
                consumer.subscribe(List.of(output));
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    consumer.poll(Duration.ofMillis(100)).forEach(record -> latestCounts.put(record.key(), record.value()));
                    assertThat(latestCounts).containsExactlyInAnyOrderEntriesOf(Map.of(
                            "error", 3L, "timeout", 2L, "calling", 1L, "db", 1L, "oom", 1L, "again", 1L));
                });
            }

            try (Admin admin = kafka.newAdminClient()) {
                assertThat(admin.listTopics().names().get()).contains(
                        applicationId + "-" + BY_WORD + "-repartition",
                        applicationId + "-" + WORD_COUNTS_STORE + "-changelog");
            }
        }
    }
}
