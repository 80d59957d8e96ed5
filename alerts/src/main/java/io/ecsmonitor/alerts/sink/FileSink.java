package io.ecsmonitor.alerts.sink;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecsmonitor.core.model.Alert;
import io.ecsmonitor.core.serde.JsonSerde;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Appends every alert as one JSON line to {@code <dir>/alerts.jsonl} and keeps the latest alert per
 * service in {@code <dir>/alerts-latest.json} (an object keyed by service, replaced atomically).
 */
public final class FileSink implements AlertSink {

    /** The append-only log of alerts. */
    public static final String LOG_FILE = "alerts.jsonl";
    /** The latest alert per service. */
    public static final String LATEST_FILE = "alerts-latest.json";

    private final Path dir;
    private final ObjectNode latest;

    public FileSink(Path dir) {
        this.dir = dir;
        ObjectNode loaded = JsonSerde.MAPPER.createObjectNode();
        Path file = dir.resolve(LATEST_FILE);
        if (Files.isRegularFile(file)) {
            try {
                if (JsonSerde.MAPPER.readTree(file.toFile()) instanceof ObjectNode o) {
                    loaded = o;
                }
            } catch (IOException e) {
                // A damaged file is replaced by the next alert; the jsonl log keeps the history.
                loaded = JsonSerde.MAPPER.createObjectNode();
            }
        }
        this.latest = loaded;
    }

    /** The files record every alert, silenced ones included. */
    @Override
    public boolean notifiesPeople() {
        return false;
    }

    @Override
    public String name() {
        return "file";
    }

    @Override
    public void deliver(Alert alert) throws DeliveryException {
        try {
            Files.createDirectories(dir);
            byte[] line = JsonSerde.MAPPER.writeValueAsBytes(alert);
            byte[] withNewline = new byte[line.length + 1];
            System.arraycopy(line, 0, withNewline, 0, line.length);
            withNewline[line.length] = '\n';
            Files.write(dir.resolve(LOG_FILE), withNewline, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                    StandardOpenOption.WRITE);
            latest.set(alert.service(), JsonSerde.MAPPER.valueToTree(alert));
            Path tmp = dir.resolve(LATEST_FILE + ".tmp");
            Files.writeString(tmp, JsonSerde.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(latest),
                    StandardCharsets.UTF_8);
            Files.move(tmp, dir.resolve(LATEST_FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new DeliveryException("cannot write alerts to " + dir + ": " + e, true, e);
        }
    }
}
