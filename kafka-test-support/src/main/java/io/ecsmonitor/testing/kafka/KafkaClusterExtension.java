package io.ecsmonitor.testing.kafka;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ModifierSupport;
import org.junit.platform.commons.support.ReflectionSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * JUnit 5 extension that gives a test class a real Kafka cluster ({@link KafkaCluster}), started once per JVM
 * for each shape ({@link WithKafka#brokers()}) and closed when the whole test run ends.
 *
 * <p>The cluster is injected into test and lifecycle method parameters, constructor parameters, and
 * non-final fields of type {@link KafkaCluster} (static fields before {@code @BeforeAll}).
 *
 * <p>By default the brokers run in this JVM through Kafka's {@code KafkaClusterTestKit}. With
 * {@code ECS_MONITOR_TEST_KAFKA=testcontainers} (system property or environment variable) a single-broker
 * cluster runs in an {@code apache/kafka} container instead; this needs {@code org.testcontainers:kafka} on the
 * test class path and a reachable Docker engine. Multi-broker shapes always run in this JVM.
 */
public final class KafkaClusterExtension implements BeforeAllCallback, AfterAllCallback, TestInstancePostProcessor,
        ParameterResolver {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaClusterExtension.class);
    private static final Namespace NAMESPACE = Namespace.create(KafkaClusterExtension.class);
    private static final Map<Integer, AtomicInteger> STARTS_BY_BROKER_COUNT = new ConcurrentHashMap<>();
    private static final int DEFAULT_BROKERS = 1;

    @Override
    public void beforeAll(ExtensionContext context) {
        KafkaCluster cluster = clusterFor(context);
        injectFields(context.getRequiredTestClass(), null, cluster, ModifierSupport::isStatic);
    }

    @Override
    public void postProcessTestInstance(Object testInstance, ExtensionContext context) {
        KafkaCluster cluster = clusterFor(context);
        injectFields(testInstance.getClass(), testInstance, cluster, ModifierSupport::isNotStatic);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        clusterFor(context).startStoppedBrokers();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == KafkaCluster.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return clusterFor(extensionContext);
    }

    /** How many clusters with this many brokers this JVM has started; 1 once one is running, as it is shared. */
    static int startCount(int brokers) {
        AtomicInteger starts = STARTS_BY_BROKER_COUNT.get(brokers);
        return starts == null ? 0 : starts.get();
    }

    private static KafkaCluster clusterFor(ExtensionContext context) {
        int brokers = brokersFor(context.getRequiredTestClass());
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent("brokers=" + brokers, key -> SharedCluster.start(brokers), SharedCluster.class)
                .cluster();
    }

    private static int brokersFor(Class<?> testClass) {
        for (Class<?> type = testClass; type != null; type = type.getEnclosingClass()) {
            Optional<WithKafka> withKafka = AnnotationSupport.findAnnotation(type, WithKafka.class);
            if (withKafka.isPresent()) {
                int brokers = withKafka.get().brokers();
                if (brokers < 1) {
                    throw new ExtensionConfigurationException("@WithKafka(brokers = " + brokers + ") on "
                            + type.getName() + " needs at least one broker");
                }
                return brokers;
            }
        }
        return DEFAULT_BROKERS;
    }

    private static void injectFields(Class<?> testClass, Object testInstance, KafkaCluster cluster,
            Predicate<Field> modifiers) {
        List<Field> fields = ReflectionSupport.findFields(testClass,
                field -> field.getType() == KafkaCluster.class && modifiers.test(field),
                HierarchyTraversalMode.TOP_DOWN);
        for (Field field : fields) {
            if (ModifierSupport.isFinal(field)) {
                throw new ExtensionConfigurationException("Field " + field + " is final; make it non-final so the"
                        + " Kafka cluster can be injected");
            }
            try {
                field.setAccessible(true);
                field.set(testInstance, cluster);
            } catch (IllegalAccessException e) {
                throw new ExtensionConfigurationException("Could not inject the Kafka cluster into " + field, e);
            }
        }
    }

    /** The store entry that owns a cluster; JUnit closes it when the root context (the test run) closes. */
    private static final class SharedCluster implements AutoCloseable {

        private final KafkaCluster cluster;

        private SharedCluster(KafkaCluster cluster) {
            this.cluster = cluster;
        }

        static SharedCluster start(int brokers) {
            KafkaBackend backend = KafkaBackend.selected();
            long startNanos = System.nanoTime();
            RunningCluster running = startRunning(backend, brokers);
            STARTS_BY_BROKER_COUNT.computeIfAbsent(brokers, key -> new AtomicInteger()).incrementAndGet();
            LOG.info("Kafka test cluster started cluster=\"{}\" bootstrapServers={} startupMs={}",
                    running.describe(), running.bootstrapServers(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
            return new SharedCluster(new KafkaCluster(running));
        }

        private static RunningCluster startRunning(KafkaBackend backend, int brokers) {
            if (backend == KafkaBackend.TESTCONTAINERS) {
                if (brokers == 1) {
                    return startInContainer();
                }
                LOG.warn("Kafka test cluster with brokers={} runs in-process although {}={}: the Testcontainers"
                        + " backend runs a single broker", brokers, KafkaBackend.SETTING, backend.settingValue());
            }
            try {
                return InProcessCluster.start(brokers);
            } catch (Exception e) {
                throw new IllegalStateException("Could not start an in-process Kafka cluster with " + brokers
                        + " broker(s): " + e.getMessage(), e);
            }
        }

        private static RunningCluster startInContainer() {
            try {
                Class.forName("org.testcontainers.kafka.KafkaContainer", false,
                        KafkaClusterExtension.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(KafkaBackend.SETTING + "=" + KafkaBackend.TESTCONTAINERS.settingValue()
                        + " needs org.testcontainers:kafka on the test class path; add it with test scope", e);
            }
            // Only now is TestcontainersCluster, the one class that links against Testcontainers, loaded.
            return TestcontainersCluster.start();
        }

        KafkaCluster cluster() {
            return cluster;
        }

        @Override
        public void close() throws Exception {
            LOG.info("Kafka test cluster stopping cluster=\"{}\"", cluster);
            cluster.close();
        }
    }
}
