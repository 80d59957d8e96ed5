package io.ecsmonitor.classifier;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The engine's verdicts (noise, category, the access record's HTTP status) for some 77,000 lines
 * ({@link EquivalenceLines#mutated()}) are those recorded in {@code src/test/resources/verdict-golden.txt}
 * ({@link GoldenFile}), so that a change meant to be exact (a faster scan) cannot move one unseen. The
 * file was written by the engine of 2026-11-22 before that day's speed-ups of its category path. A change
 * of the rules rewrites it, with {@code -Decsmonitor.golden.write=true}, in the same commit.
 */
class ErrorClassifierGoldenTest {

    static final Path GOLDEN = Path.of("src/test/resources/verdict-golden.txt");

    private final ErrorClassifier classifier = new ErrorClassifier();

    @Test
    void shouldGiveEveryLineTheVerdictRecordedInTheGoldenFile() throws IOException {
        GoldenFile.check(GOLDEN, "verdicts", EquivalenceLines.mutated(), line -> line, this::packed, this::describe);
    }

    private String describe(String line) {
        Verdict v = classifier.classifyErrors(line);
        return v.category() + " noise=" + v.noise() + " status=" + v.httpStatus() + ": " + line;
    }

    /** Noise, category and status in one number. */
    private long packed(String line) {
        Verdict v = classifier.classifyErrors(line);
        return (v.noise() ? 1 : 0) | (v.category() == null ? 0 : v.category().ordinal() + 1) << 1
                | (long) v.httpStatus() << 8;
    }
}
