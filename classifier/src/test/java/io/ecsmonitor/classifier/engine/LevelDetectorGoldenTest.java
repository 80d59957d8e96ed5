package io.ecsmonitor.classifier.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecsmonitor.classifier.EquivalenceLines;
import io.ecsmonitor.classifier.GoldenFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link LevelDetector} finds the levels recorded in {@code src/test/resources/level-golden.txt}
 * ({@link GoldenFile}) for the equivalence set ({@link EquivalenceLines}), 30,000 lines with level words
 * and near misses spliced into their first 200 characters, and each of them again cut at a random point
 * (the JSON-after-prefix check reads a prefix only). The file was written by the detector of 2026-11-22
 * before it stopped judging message words past the prefix.
 */
class LevelDetectorGoldenTest {

    static final Path GOLDEN = Path.of("src/test/resources/level-golden.txt");

    /** Level words and near misses, in the shapes the detector looks at: bare, capitals, bracketed, with a colon. */
    private static final String[] LEVELS = {
        "error", "ERROR", "Error:", "[error]", "<warn>", "[proxy:error]", ":crit]", "FATAL", "CRIT", "ALERT:", "[alert]",
        "WARN", "warning", "Info", "INFO ", "E ", "W: ", "F ", "I0312", "E0312 ", "NOTE", "LOG:", "FAIL", "[Note]", "PANIC",
        "eRRor", "ERR", "e", "D ", "[celery:INFO:", "Errors", "ERRORS", "[ERROR", "ERROR]", "<E>", "E\t", "x:error]"
    };

    /** A text and where its first line ends for the detector. */
    record Input(String text, int lineEnd) {
    }

    @Test
    void shouldFindTheLevelsRecordedInTheGoldenFile() throws IOException {
        List<Input> inputs = inputs();
        assertThat(inputs.stream().filter(i -> LevelDetector.detect(i.text(), i.lineEnd()) != Level.NONE).count())
                .as("inputs with a level").isGreaterThan(20_000);
        GoldenFile.check(GOLDEN, "levels", inputs, i -> i.lineEnd() + "|" + i.text(),
                i -> LevelDetector.detect(i.text(), i.lineEnd()).ordinal(),
                i -> LevelDetector.detect(i.text(), i.lineEnd()) + " up to " + i.lineEnd() + ": " + i.text());
    }

    static List<Input> inputs() {
        List<String> lines = new ArrayList<>(EquivalenceLines.all());
        Random random = new Random(3);
        int base = lines.size();
        for (int k = 0; k < 30_000; k++) {
            String line = lines.get(random.nextInt(base));
            int at = random.nextInt(Math.min(line.length(), 200) + 1);
            String level = LEVELS[random.nextInt(LEVELS.length)];
            String glue = random.nextBoolean() ? " " : "";
            lines.add(line.substring(0, at) + glue + level + glue + line.substring(at));
        }
        List<Input> inputs = new ArrayList<>();
        for (String line : lines) {
            int lineEnd = line.indexOf('\n');
            lineEnd = lineEnd < 0 ? line.length() : lineEnd;
            inputs.add(new Input(line, lineEnd));
            inputs.add(new Input(line, random.nextInt(lineEnd + 1)));
        }
        return inputs;
    }
}
