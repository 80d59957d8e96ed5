package io.ecsmonitor.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The labelled dev corpus ({@code shared/corpus/dev.jsonl}) as a list of messages, for benchmarks.
 *
 * <p>Found through the system property {@value #CORPUS_PROPERTY} when set, otherwise by walking up
 * from the working directory and trying {@code <dir>/shared/corpus/dev.jsonl} and
 * {@code <dir>/../shared/corpus/dev.jsonl} at each level: {@code shared/} is a sibling of the
 * repository root.
 */
public final class DevCorpus {

    /** System property naming the JSONL corpus file. */
    public static final String CORPUS_PROPERTY = "ecsmonitor.corpus";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path RELATIVE = Path.of("shared", "corpus", "dev.jsonl");

    private DevCorpus() {
    }

    /** Where the corpus is; fails with what to set when it cannot be found. */
    public static Path locate() {
        String property = System.getProperty(CORPUS_PROPERTY);
        if (property != null && !property.isBlank()) {
            Path p = Path.of(property);
            if (!Files.isRegularFile(p)) {
                throw new IllegalStateException("-D" + CORPUS_PROPERTY + "=" + property + " is not a file; point it at shared/corpus/dev.jsonl");
            }
            return p;
        }
        Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath().normalize();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            for (Path candidate : List.of(dir.resolve(RELATIVE), dir.resolve("..").resolve(RELATIVE).normalize())) {
                if (Files.isRegularFile(candidate)) {
                    return candidate;
                }
            }
        }
        throw new IllegalStateException("no shared/corpus/dev.jsonl above " + start
                + "; run from inside the repository or pass -D" + CORPUS_PROPERTY + "=/path/to/dev.jsonl");
    }

    /** The "message" field of every non-blank line of the corpus, in file order. */
    public static List<String> messages(Path file) {
        List<String> messages = new ArrayList<>();
        try {
            int number = 0;
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode message = JSON.readTree(line).get("message");
                if (message == null || !message.isTextual()) {
                    throw new IllegalStateException(file + ":" + number + " has no \"message\" string field");
                }
                messages.add(message.asText());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read corpus " + file, e);
        }
        return messages;
    }
}
