package io.ecsmonitor.classifier.streams;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;

/**
 * One classifier instance in a JVM of its own, so that {@link ClassifierStreamsIT} can kill it with
 * SIGKILL: no close, no commit, an open transaction left behind. Arguments are {@code key=value}
 * settings; prints {@code RUNNING} once Kafka Streams runs.
 */
public final class ClassifierNode {

    private ClassifierNode() {
    }

    public static void main(String[] args) throws InterruptedException {
        Map<String, Object> settings = new HashMap<>();
        for (String a : args) {
            int eq = a.indexOf('=');
            settings.put(a.substring(0, eq), a.substring(eq + 1));
        }
        ClassifierService service = new ClassifierService(ClassifierStreamsConfig.of(settings));
        service.start();
        KafkaStreams.State last = null;
        while (true) {
            KafkaStreams.State now = service.state();
            if (now != last) {
                System.out.println(now);
                System.out.flush();
                last = now;
            }
            Thread.sleep(50); // a polling loop of a test process, not a wait in a test
        }
    }
}
