package io.ecsmonitor.classifier.fingerprint;

import io.ecsmonitor.classifier.EquivalenceLines;
import io.ecsmonitor.classifier.GoldenFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
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

    /** Pieces spliced into the lines: tokens each rule of the scanner reacts to, and odd characters. */
    private static final String[] PIECES = {
        " ", "  ", "\t", "\n", "\r\n", "\n  at com.x.Y.m(Y.java:12)\n", "\nCaused by: java.io.IOException: x\n",
        "\nTraceback (most recent call last)\n  File \"a.py\", line 3, in f\n", "\ngoroutine 7 [running]:\nmain.f(0x1)\n",
        "{\"msg\":\"a 1\",\"level\":\"info\"}", "{\"log\":\"{\\\"msg\\\":\\\"x\\u0041\\\"}\"}", "{\"a\":[1,{\"b\":2}]}",
        "{\"", "\"", "'", "`", "\\", "=", "msg=\"x 1\"", "level=warn", "user", "user alice", "(", ")", "()", "[]",
        "{}", "[", "]", "<", ">", "+", "-", "-5", "<1", "+0x1d", "/", "./a/b", "../x", "~/y", "C:\\W\\x.dll",
        "/users/123/orders?page=2#f", "/health", "a.b.com", "db.example.com:5432", "main.go:42", "x@y.com", "@",
        "fe80::1", "aa:bb:cc:dd:ee:ff", "12:34:56", "::", "0x7f3a", "deadbeefcafe", "1.5s", "250 ms", "Jan  2",
        "Sun Jul 17", "02/Jan/2024", "true", "NULL", "None", "NaN", "\"GET /x HTTP/1.1\"", "can't", "1.2.3.4",
        "file1.txt", "blk_-695", ".", "...", ",", ";", ":", "&", "\u017f", "\u212a", "\u0130", "\u0131", "\u00e9",
        "\u20ac", "\u2028", "\u001a", "\u00a0", "\u00b5s", "\uffff", "\ud83d\ude00", "\ud83d", "\udc00", "\u0000",
    };

    @Test
    void shouldGiveEveryLineTheFingerprintRecordedInTheGoldenFile() throws IOException {
        GoldenFile.check(GOLDEN, "fingerprints", lines(), line -> line, Fingerprinter::fingerprint64,
                line -> Fingerprinter.fingerprint(line) + " " + Fingerprinter.template(line));
    }

    /** The equivalence set, seeded mutations of it, and a few long hostile lines; the same on every call. */
    static List<String> lines() {
        List<String> lines = new ArrayList<>(EquivalenceLines.all());
        int base = lines.size();
        Random random = new Random(13);
        for (int k = 0; k < 20_000; k++) {
            String line = lines.get(random.nextInt(base));
            StringBuilder b = new StringBuilder(line);
            int edits = 1 + random.nextInt(4);
            for (int e = 0; e < edits; e++) {
                int at = random.nextInt(b.length() + 1);
                switch (random.nextInt(4)) {
                    case 0 -> b.insert(at, PIECES[random.nextInt(PIECES.length)]);
                    case 1 -> b.setLength(at); // a truncation, possibly inside a token, quote or record
                    case 2 -> b.delete(at, Math.min(b.length(), at + 1 + random.nextInt(8)));
                    default -> b.insert(at, longToken(random));
                }
            }
            lines.add(b.toString());
        }
        lines.add(null);
        lines.add("");
        lines.add("x".repeat(20_000)); // beyond the per-thread buffer
        lines.add("a=\"" + "y ".repeat(2_000) + "\" b=(" + "1,".repeat(2_000));
        lines.add("'".repeat(3_000));
        lines.add("{\"msg\":\"" + "z\\n".repeat(3_000) + "\"}");
        return lines;
    }

    /** A token of 100 to 3,000 characters of one kind: digits, hex, letters, blanks or quotes. */
    private static String longToken(Random random) {
        String alphabet = switch (random.nextInt(5)) {
            case 0 -> "0123456789";
            case 1 -> "0123456789abcdef:";
            case 2 -> "abcXYZ._-";
            case 3 -> " \t";
            default -> "\"'`([{}])=/\\";
        };
        StringBuilder b = new StringBuilder();
        int n = 100 + random.nextInt(2_900);
        for (int i = 0; i < n; i++) {
            b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return b.toString();
    }
}
