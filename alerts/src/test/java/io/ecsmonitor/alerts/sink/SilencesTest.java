package io.ecsmonitor.alerts.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.junit.jupiter.api.Test;

class SilencesTest {

    @Test
    void shouldKeepTryingWhenKafkaCannotBeReachedAndStopWhenClosed() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        long started = System.nanoTime();
        Silences silences = Silences.start("silences", Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + port),
                Duration.ofSeconds(1));
        try {
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
            assertThat(silences.silencing("api", System.currentTimeMillis())).isEmpty();
            // partitionsFor gives up after 10 s; the follower counts it and tries again instead of ending.
            await().atMost(Duration.ofSeconds(60)).until(() -> silences.failures() >= 1);
        } finally {
            long closing = System.nanoTime();
            silences.close();
            assertThat(Duration.ofNanos(System.nanoTime() - closing)).isLessThan(Duration.ofSeconds(11));
        }
    }
}
