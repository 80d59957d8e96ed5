package io.ecsmonitor.classifier.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecsmonitor.classifier.EquivalenceLines;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.HashSet;
import org.junit.jupiter.api.Test;

/**
 * {@link KeywordAutomaton} reports exactly the occurrences a naive search finds (each keyword tried at
 * each position, ASCII case folded, a character beyond Latin-1 read as {@code '?'}), on short texts
 * walked as one stream and on longer ones walked as two, with keywords placed across the middle.
 */
class KeywordAutomatonTest {

    private static final List<String> KEYWORDS = SignalScanner.keywords();
    private static final KeywordAutomaton AUTOMATON = new KeywordAutomaton(KEYWORDS);
    private static final List<String> LINES = EquivalenceLines.all();
    private static final int LONGEST = KEYWORDS.stream().mapToInt(String::length).max().orElseThrow();
    /** Keyword indexes by their first character, lower case: the naive search tries only these. */
    private static final List<List<Integer>> BY_FIRST = new ArrayList<>();

    static {
        for (int c = 0; c < 128; c++) {
            BY_FIRST.add(new ArrayList<>());
        }
        for (int kw = 0; kw < KEYWORDS.size(); kw++) {
            BY_FIRST.get(KEYWORDS.get(kw).toLowerCase(java.util.Locale.ROOT).charAt(0)).add(kw);
        }
    }

    @Test
    void shouldReportEveryOccurrenceOnceInEveryLine() {
        for (String line : LINES) {
            assertSameHits(line);
        }
    }

    @Test
    void shouldFindKeywordsAcrossTheMiddleOfALongText() {
        List<String> lines = LINES;
        Random random = new Random(5);
        int longTexts = 0;
        for (int k = 0; k < 6_000; k++) {
            StringBuilder b = new StringBuilder();
            while (b.length() < 20 + random.nextInt(2_000)) {
                b.append(lines.get(random.nextInt(lines.size()))).append(random.nextBoolean() ? '\n' : ' ');
            }
            // a keyword, in any case, placed so that it ends near the middle the two streams meet at
            String keyword = KEYWORDS.get(random.nextInt(KEYWORDS.size()));
            keyword = random.nextBoolean() ? keyword : keyword.toUpperCase(java.util.Locale.ROOT);
            int middle = (b.length() + keyword.length()) / 2; // where the second stream starts (see scan)
            int at = Math.max(0, Math.min(b.length(), middle - random.nextInt(keyword.length() + 3)));
            b.insert(at, keyword);
            String text = b.toString();
            longTexts += text.length() >= 2 * LONGEST ? 1 : 0;
            assertSameHits(text);
        }
        assertThat(longTexts).isGreaterThan(4_500);
    }

    @Test
    void shouldStopWhenTheHandlerSaysSo() {
        String text = "x".repeat(500) + "connection refused " + "y".repeat(500) + " out of memory " + "z".repeat(300);
        List<Integer> seen = new ArrayList<>();
        AUTOMATON.scan(text, (kw, end) -> {
            seen.add(kw);
            return true;
        });
        assertThat(seen).hasSize(1);
    }

    private static void assertSameHits(String text) {
        Set<Long> found = new HashSet<>();
        List<Long> duplicates = new ArrayList<>();
        AUTOMATON.scan(text, (kw, end) -> {
            if (!found.add(hit(kw, end))) {
                duplicates.add(hit(kw, end));
            }
            return false;
        });
        assertThat(duplicates).as(text).isEmpty();
        assertThat(found).as(text).isEqualTo(naiveHits(text));
    }

    private static Set<Long> naiveHits(String text) {
        Set<Long> hits = new HashSet<>();
        for (int start = 0; start < text.length(); start++) {
            char first = latin1Folded(text.charAt(start));
            for (int kw : first < 128 ? BY_FIRST.get(first) : List.<Integer>of()) {
                String k = KEYWORDS.get(kw).toLowerCase(java.util.Locale.ROOT);
                int i = 0;
                while (i < k.length() && start + i < text.length() && latin1Folded(text.charAt(start + i)) == k.charAt(i)) {
                    i++;
                }
                if (i == k.length()) {
                    hits.add(hit(kw, start + k.length()));
                }
            }
        }
        return hits;
    }

    private static char latin1Folded(char c) {
        if (c > 0xFF) {
            return '?';
        }
        return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }

    private static long hit(int keyword, int end) {
        return (long) end << 16 | keyword;
    }
}
