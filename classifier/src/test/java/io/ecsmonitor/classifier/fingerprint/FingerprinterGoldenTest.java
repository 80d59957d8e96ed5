package io.ecsmonitor.classifier.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ecsmonitor.classifier.EquivalenceLines;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
 * <p>The file holds, per block of {@value #BLOCK} lines, a digest of the lines and a digest of their
 * fingerprints; a block whose fingerprints differ is printed line by line with today's templates. The
 * recorded fingerprints are those of the scanner of 2026-11-22 (before its speed-up of that day, which
 * was checked line by line against the one it replaced).
 *
 * <p>An intended change of the rules rewrites the file: run this test with
 * {@code -Decsmonitor.golden.write=true} and commit the file with the change. When the input lines
 * themselves changed (a new corpus or Loghub file under {@code shared/}), the recorded digests say nothing
 * about them and the test is skipped with that reason: rewrite the file from the commit before any rule
 * change, then apply the change.
 */
class FingerprinterGoldenTest {

    static final Path GOLDEN = Path.of("src/test/resources/fingerprint-golden.txt");
    static final String WRITE_PROPERTY = "ecsmonitor.golden.write";
    static final int BLOCK = 64;

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
        List<String> lines = lines();
        List<String> current = blocks(lines);
        if (Boolean.getBoolean(WRITE_PROPERTY)) {
            write(current, lines.size());
        }
        List<String> golden = Files.readAllLines(GOLDEN, StandardCharsets.UTF_8).stream()
                .filter(l -> !l.startsWith("#") && !l.isBlank()).toList();
        assumeTrue(golden.size() == current.size() && sameInputs(golden, current),
                "the input lines differ from those the golden file was written for (shared/ changed?): rewrite "
                        + GOLDEN + " with -D" + WRITE_PROPERTY + "=true from a commit with the old rules");
        List<String> differences = new ArrayList<>();
        for (int b = 0; b < golden.size(); b++) {
            if (!golden.get(b).equals(current.get(b))) {
                StringBuilder d = new StringBuilder("block " + b + " (lines " + b * BLOCK + "–"
                        + Math.min(lines.size(), (b + 1) * BLOCK) + ") differs; its lines and today's templates:");
                for (String line : lines.subList(b * BLOCK, Math.min(lines.size(), (b + 1) * BLOCK))) {
                    d.append("\n  ").append(Fingerprinter.fingerprint(line)).append(' ')
                            .append(String.valueOf(Fingerprinter.template(line)).replace("\n", "\\n"));
                }
                differences.add(d.toString());
            }
        }
        assertThat(differences).as("blocks of %d lines whose fingerprints moved (of %d blocks)", BLOCK, golden.size())
                .isEmpty();
    }

    /** One line per block: its index, the digest of its lines, the digest of their fingerprints. */
    static List<String> blocks(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (int start = 0; start < lines.size(); start += BLOCK) {
            long in = 0xcbf29ce484222325L;
            long fp = 0xcbf29ce484222325L;
            for (String line : lines.subList(start, Math.min(lines.size(), start + BLOCK))) {
                in = mix(in, line == null ? -1 : line.hashCode() * 31L + line.length());
                fp = mix(fp, Fingerprinter.fingerprint64(line));
            }
            out.add(start / BLOCK + " " + Long.toHexString(in) + " " + Long.toHexString(fp));
        }
        return out;
    }

    private static long mix(long h, long v) {
        h ^= v;
        h *= 0x100000001b3L;
        return h ^ (h >>> 29);
    }

    private static boolean sameInputs(List<String> golden, List<String> current) {
        for (int b = 0; b < golden.size(); b++) {
            String[] g = golden.get(b).split(" ");
            String[] c = current.get(b).split(" ");
            if (!g[0].equals(c[0]) || !g[1].equals(c[1])) {
                return false;
            }
        }
        return true;
    }

    private static void write(List<String> blocks, int lines) throws IOException {
        List<String> out = new ArrayList<>();
        out.add("# Fingerprints of FingerprinterGoldenTest's " + lines + " lines, by blocks of " + BLOCK + " lines.");
        out.add("# Written by the test with -D" + WRITE_PROPERTY + "=true; see its javadoc before rewriting it.");
        out.add("# block  digest-of-the-lines  digest-of-their-fingerprints");
        out.addAll(blocks);
        Files.write(GOLDEN, out, StandardCharsets.UTF_8);
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
