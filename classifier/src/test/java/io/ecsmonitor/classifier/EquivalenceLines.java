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
}
