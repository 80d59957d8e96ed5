package io.ecsmonitor.ingest.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.connect.source.SourceConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Connect plugin archive built by {@code package} holds everything the connectors need beyond what a
 * worker has: loaded in isolation, with only Kafka's jars and SLF4J beside it, service loading finds both
 * connectors, reports the jar's version, and validates a configuration with the archive's own classes.
 */
class PluginArchiveIT {

    @Test
    void shouldLoadBothConnectorsFromTheArchiveWithOnlyKafkaJarsBesideIt(@TempDir Path dir) throws Exception {
        Path zip;
        try (var files = Files.list(Path.of("target"))) {
            zip = files.filter(p -> p.getFileName().toString().endsWith("-connect-plugin.zip")).findFirst().orElseThrow(
                    () -> new AssertionError("no *-connect-plugin.zip in target: run mvn package first"));
        }
        List<URL> urls = new ArrayList<>();
        for (Path jar : unzip(zip, dir)) {
            urls.add(jar.toUri().toURL());
        }
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            if (name.startsWith("connect-api-") || name.matches("kafka-clients-[0-9.]+\\.jar") || name.startsWith("slf4j-api-")) {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        List<String> jars = urls.stream().map(u -> Path.of(u.getPath()).getFileName().toString()).toList();
        assertThat(jars).noneMatch(j -> j.startsWith("connect-runtime") || j.startsWith("netty-"));

        try (URLClassLoader isolated = new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader())) {
            List<String> found = new ArrayList<>();
            for (Object connector : ServiceLoader.load(isolated.loadClass(SourceConnector.class.getName()), isolated)) {
                assertThat(connector.getClass().getClassLoader()).isSameAs(isolated);
                found.add(connector.getClass().getName());
                String version = (String) connector.getClass().getMethod("version").invoke(connector);
                assertThat(version).isNotEqualTo("dev").isNotBlank();
                Object config = connector.getClass().getMethod("validate", Map.class)
                        .invoke(connector, Map.of("kinesis.stream", "s", "ecs.cluster", "prod"));
                assertThat(config.getClass().getName()).isEqualTo(Config.class.getName());
            }
            assertThat(found).containsExactlyInAnyOrder("io.ecsmonitor.ingest.kinesis.KinesisLogsSourceConnector",
                    "io.ecsmonitor.ingest.poll.CloudWatchLogsSourceConnector");
            // the AWS SDK clients come from the archive
            assertThat(isolated.loadClass("software.amazon.awssdk.services.kinesis.KinesisClient").getClassLoader()).isSameAs(isolated);
            assertThat(isolated.loadClass("software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient")).isNotNull();
            assertThat(isolated.loadClass("software.amazon.awssdk.services.ecs.EcsClient")).isNotNull();
        }
    }

    private static List<Path> unzip(Path zip, Path into) throws IOException {
        List<Path> jars = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                Path target = into.resolve(e.getName()).normalize();
                if (!target.startsWith(into)) {
                    throw new IOException("entry outside the archive root: " + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                copy(in, target);
                if (target.toString().endsWith(".jar")) {
                    jars.add(target);
                }
            }
        }
        return jars;
    }

    private static void copy(InputStream in, Path target) throws IOException {
        Files.write(target, in.readAllBytes());
    }
}
