package io.ecsmonitor.classifier;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Lines for tests that hold a faster implementation to the one it replaced: the dev corpus messages,
 * the signal-family lines, every line of the Loghub 2k files, and seeded variants of them (two joined
 * by a newline or a blank, slices, capitals, non-ASCII look-alikes of ASCII letters mixed in).
 */
public final class EquivalenceLines {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Characters that fold to ASCII letters under Unicode rules, or lie beyond Latin-1. */
    private static final String ODD = "\u017f\u212a\u0130\u0131\u00c9\u00e9\u00ff\u0100\u20ac\u2028\u001a\u00a0";

    private EquivalenceLines() {
    }

    /** About 60,000 lines; the same ones on every call. */
    public static List<String> all() {
        try {
            List<String> corpus = new ArrayList<>();
            for (String l : Files.readAllLines(SharedData.dir().resolve("corpus/dev.jsonl"), StandardCharsets.UTF_8)) {
                if (!l.isBlank()) {
                    corpus.add(JSON.readTree(l).get("message").asText());
                }
            }
            List<String> lines = new ArrayList<>(corpus);
            Path families = Path.of("src/test/resources/signal-families.tsv");
            for (String l : Files.readAllLines(families, StandardCharsets.UTF_8)) {
                if (!l.startsWith("#") && l.indexOf('\t') > 0) {
                    lines.add(l.substring(l.indexOf('\t') + 1).replace("\\n", "\n").replace("\\t", "\t"));
                }
            }
            try (Stream<Path> files = Files.list(SharedData.dir().resolve("data/loghub-2k"))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".csv")).sorted().toList()) {
                    lines.addAll(Files.readAllLines(f, StandardCharsets.UTF_8));
                }
            }
            Random random = new Random(7);
            int base = lines.size();
            for (int k = 0; k < 25_000; k++) {
                String x = corpus.get(random.nextInt(corpus.size()));
                String y = lines.get(random.nextInt(base));
                switch (k % 5) {
                    case 0 -> lines.add(x + "\n" + y);
                    case 1 -> lines.add(y + " " + x);
                    case 2 -> {
                        int from = random.nextInt(y.length() + 1);
                        lines.add(y.substring(from, from + random.nextInt(y.length() - from + 1)));
                    }
                    case 3 -> lines.add((random.nextBoolean() ? x : y).toUpperCase(Locale.ROOT));
                    default -> {
                        StringBuilder b = new StringBuilder(random.nextBoolean() ? x : y);
                        for (int i = 0; i < 1 + b.length() / 20; i++) {
                            int at = random.nextInt(b.length() + 1);
                            if (random.nextBoolean() || at == b.length()) {
                                b.insert(at, ODD.charAt(random.nextInt(ODD.length())));
                            } else {
                                b.setCharAt(at, ODD.charAt(random.nextInt(ODD.length())));
                            }
                        }
                        lines.add(b.toString());
                    }
                }
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

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

    /**
     * {@link #all()}, 20,000 seeded mutations of it that splice in the tokens each rule of the engine reacts
     * to (traces, JSON records, quotes, brackets, paths, hosts, hex, units, levels), odd characters,
     * truncations and tokens of up to 3,000 characters, a few long hostile lines, and each piece at the start
     * of a line: about 77,600 lines,
     * the same on every call.
     */
    public static List<String> mutated() {
        List<String> lines = new ArrayList<>(all());
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
        // each piece at the very start of an event, where some rules look (a Go dump's header, a Rails
        // exception name, a JSON record)
        for (int p = 0; p < PIECES.length; p++) {
            lines.add(PIECES[p].strip() + " " + lines.get(p * 97 % base));
        }
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
