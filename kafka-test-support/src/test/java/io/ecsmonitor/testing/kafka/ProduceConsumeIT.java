package io.ecsmonitor.testing.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/** Registered without {@code @WithKafka}: the default shape, one combined node. */
@ExtendWith(KafkaClusterExtension.class)
class ProduceConsumeIT {

    @Test
    void shouldConsumeProducedRecordsInOrderWithTheirKeys(KafkaCluster kafka) throws Exception {
        String topic = KafkaCluster.uniqueName("events");
        kafka.createTopic(topic, 1, 1);
        List<ProducerRecord<String, String>> sent = IntStream.range(0, 20)
                .mapToObj(i -> new ProducerRecord<>(topic, "service-" + (i % 3), "event-" + i))
                .toList();

        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(kafka.producerConfig(), new StringSerializer(), new StringSerializer())) {
            for (ProducerRecord<String, String> record : sent) {
                producer.send(record).get();
            }
        }

        List<ConsumerRecord<String, String>> received = new ArrayList<>();
        Map<String, Object> consumerConfig = kafka.consumerConfig(KafkaCluster.uniqueName("reader"));
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(100)).forEach(received::add);
                return received.size() >= sent.size();
            });
        }

        assertThat(received)
                .extracting(ConsumerRecord::key, ConsumerRecord::value, ConsumerRecord::offset)
                .containsExactlyElementsOf(IntStream.range(0, sent.size())
                        .mapToObj(i -> tuple(sent.get(i).key(), sent.get(i).value(), (long) i))
                        .toList());
    }
}
