package io.ecsmonitor.classifier.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecsmonitor.classifier.EquivalenceLines;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link LevelDetector} finds what {@link LegacyLevelDetector}, the version before its message-word skip, found. */
class LevelDetectorEquivalenceTest {

    /** Level words and near misses, in the shapes the detector looks at: bare, capitals, bracketed, with a colon. */
    private static final String[] LEVELS = {
        "error", "ERROR", "Error:", "[error]", "<warn>", "[proxy:error]", ":crit]", "FATAL", "CRIT", "ALERT:", "[alert]",
        "WARN", "warning", "Info", "INFO ", "E ", "W: ", "F ", "I0312", "E0312 ", "NOTE", "LOG:", "FAIL", "[Note]", "PANIC",
        "eRRor", "ERR", "e", "D ", "[celery:INFO:", "Errors", "ERRORS", "[ERROR", "ERROR]", "<E>", "E\t", "x:error]"
    };

    @Test
    void shouldFindTheLevelTheOldDetectorFound() {
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
        int withLevel = 0;
        for (String line : lines) {
            int lineEnd = line.indexOf('\n');
            lineEnd = lineEnd < 0 ? line.length() : lineEnd;
            Level expected = LegacyLevelDetector.detect(line, lineEnd);
            assertThat(LevelDetector.detect(line, lineEnd)).as(line).isEqualTo(expected);
            withLevel += expected != Level.NONE ? 1 : 0;
            int cut = random.nextInt(lineEnd + 1); // the JSON-after-prefix check reads a prefix only
            assertThat(LevelDetector.detect(line, cut)).as(line + " up to " + cut).isEqualTo(LegacyLevelDetector.detect(line, cut));
        }
        assertThat(withLevel).isGreaterThan(20_000);
    }
}
