package io.ecsmonitor.classifier.fingerprint;

import io.ecsmonitor.classifier.EquivalenceLines;
import io.ecsmonitor.classifier.GoldenFile;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Fingerprints are stored and compared across versions (classified events, statistics, alerts), so no
 * change of the scanner may move one by accident. This test holds {@link Fingerprinter} to the
 * fingerprints recorded in {@code src/test/resources/fingerprint-golden.txt} for some 80,000 lines: the
 * equivalence set ({@link EquivalenceLines}: corpus, signal families, Loghub 2k and variants), 20,000
 * seeded mutations of it that splice in the tokens each rule reacts to, odd characters, truncations and
 * tokens of up to 3,000 characters, and a few long hostile lines.
 *
 * <p>The file ({@link GoldenFile}: digests by blocks of lines, rewritten with
 * {@code -Decsmonitor.golden.write=true} by an intended rule change) was written by the scanner of
 * 2026-11-22 before its speed-up of that day, which was checked line by line against the one it replaced.
 */
class FingerprinterGoldenTest {

    static final Path GOLDEN = Path.of("src/test/resources/fingerprint-golden.txt");

    @Test
    void shouldGiveEveryLineTheFingerprintRecordedInTheGoldenFile() throws IOException {
        GoldenFile.check(GOLDEN, "fingerprints", EquivalenceLines.mutated(), line -> line, Fingerprinter::fingerprint64,
                line -> Fingerprinter.fingerprint(line) + " " + Fingerprinter.template(line));
    }
}
