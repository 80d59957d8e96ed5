package io.ecsmonitor.testing.kafka;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Where the test cluster runs, chosen by the {@value #SETTING} system property or environment variable. */
enum KafkaBackend {
    /** KRaft brokers inside the test JVM ({@code KafkaClusterTestKit}); the default, needs nothing installed. */
    IN_PROCESS("in-process"),
    /** One {@code apache/kafka} container through Testcontainers; needs a Docker engine. */
    TESTCONTAINERS("testcontainers");

    static final String SETTING = "ECS_MONITOR_TEST_KAFKA";

    private final String settingValue;

    KafkaBackend(String settingValue) {
        this.settingValue = settingValue;
    }

    String settingValue() {
        return settingValue;
    }

    /** The backend chosen for this JVM: the system property wins over the environment variable. */
    static KafkaBackend selected() {
        String value = System.getProperty(SETTING);
        if (value == null) {
            value = System.getenv(SETTING);
        }
        return fromSetting(value);
    }

    static KafkaBackend fromSetting(String value) {
        if (value == null || value.isBlank()) {
            return IN_PROCESS;
        }
        String wanted = value.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(backend -> backend.settingValue.equals(wanted))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(SETTING + "=" + value
                        + " is not a Kafka test backend; use one of "
                        + Arrays.stream(values()).map(KafkaBackend::settingValue).collect(Collectors.joining(", "))
                        + " or leave it unset for in-process"));
    }
}
