package io.ecsmonitor.testing.kafka;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs the annotated test class against a real Kafka cluster, shared with every other test class of the
 * same JVM that asks for the same shape. The cluster is injected into parameters and fields of type
 * {@link KafkaCluster}.
 *
 * <pre>{@code
 * @WithKafka
 * class ClassifierIT {
 *     @Test
 *     void shouldClassify(KafkaCluster kafka) { ... }
 * }
 * }</pre>
 *
 * <p>{@code @ExtendWith(KafkaClusterExtension.class)} without this annotation gives the default shape.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@ExtendWith(KafkaClusterExtension.class)
public @interface WithKafka {

    /**
     * Number of brokers. One broker runs as a single combined broker+controller node; more brokers share
     * one KRaft controller, which runs combined with broker 0.
     */
    int brokers() default 1;
}
