package io.ecsmonitor.classifier.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Aho-Corasick automaton over ASCII-case-folded text: finds every occurrence of a set of keywords in
 * one pass, whatever their number. Characters that occur in no keyword share one alphabet class, so
 * the transition table stays small enough for the cache.
 */
final class KeywordAutomaton {

    /**
     * Receives each match: the keyword's index and the position just past its last character. Matches
     * come in no particular order (see {@link #scan}).
     */
    interface HitHandler {
        /** Returns true to stop the scan: nothing further can change the outcome. */
        boolean hit(int keyword, int end);
    }

    /** Alphabet classes of the 256 byte values (bytes of 128 and above: class 0). */
    private final int[] byteClass = new int[256];
    private final int classes;
    /**
     * Transitions, indexed by {@code row + class} where a row is {@code state * classes}: the target's
     * row, or, when the target state completes a keyword, the bitwise complement of its number (so that
     * a hit finds its keywords without a division). One load a character.
     */
    private final int[] table;
    private final int[][] outputs;    // state -> keywords that end here (suffix outputs merged)
    /** The length of each keyword. */
    private final int[] lengths;
    /**
     * {@code deeperFrom[d]}: the first row whose state is more than {@code d} characters deep (the
     * length of the keyword prefix it stands for), {@link Integer#MAX_VALUE} when none is. States are
     * numbered breadth first, so a state is deeper than {@code d} exactly when its row is at least this.
     */
    private final int[] deeperFrom;

    /** The shortest text walked as two streams. */
    private static final int TWO_STREAM_MIN = 32;

    KeywordAutomaton(List<String> keywords) {
        int cls = 1; // class 0: characters that occur in no keyword
        for (String k : keywords) {
            for (char c : k.toLowerCase(Locale.ROOT).toCharArray()) {
                if (c >= 128) {
                    throw new IllegalArgumentException("keywords are ASCII: " + k);
                }
                if (byteClass[c] == 0) {
                    byteClass[c] = cls++;
                }
            }
        }
        for (char c = 'A'; c <= 'Z'; c++) {
            byteClass[c] = byteClass[Character.toLowerCase(c)];
        }
        classes = cls;
        lengths = keywords.stream().mapToInt(String::length).toArray();

        List<int[]> trie = new ArrayList<>();
        List<List<Integer>> out = new ArrayList<>();
        trie.add(newRow());
        out.add(new ArrayList<>());
        for (int k = 0; k < keywords.size(); k++) {
            int state = 0;
            for (char c : keywords.get(k).toLowerCase(Locale.ROOT).toCharArray()) {
                int cl = byteClass[c];
                if (trie.get(state)[cl] < 0) {
                    trie.get(state)[cl] = trie.size();
                    trie.add(newRow());
                    out.add(new ArrayList<>());
                }
                state = trie.get(state)[cl];
            }
            out.get(state).add(k);
        }

        int n = trie.size();
        int[] fail = new int[n];
        int[] next = new int[n * classes];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int c = 0; c < classes; c++) {
            int s = trie.get(0)[c];
            if (s < 0) {
                next[c] = 0;
            } else {
                next[c] = s;
                fail[s] = 0;
                queue.add(s);
            }
        }
        while (!queue.isEmpty()) {
            int r = queue.poll();
            out.get(r).addAll(out.get(fail[r]));
            for (int c = 0; c < classes; c++) {
                int s = trie.get(r)[c];
                if (s < 0) {
                    next[r * classes + c] = next[fail[r] * classes + c];
                } else {
                    next[r * classes + c] = s;
                    fail[s] = next[fail[r] * classes + c];
                    queue.add(s);
                }
            }
        }
        // Renumber states breadth first: the shallow states, where the scan spends nearly all its
        // time, then share a few cache lines of the table.
        int[] order = new int[n];
        int[] rank = new int[n];
        int[] depth = new int[n]; // by new number
        Arrays.fill(rank, -1);
        int head = 0;
        int tail = 0;
        order[tail++] = 0;
        rank[0] = 0;
        while (head < tail) {
            int st = order[head++];
            for (int c = 0; c < classes; c++) {
                int child = trie.get(st)[c];
                if (child >= 0 && rank[child] < 0) {
                    rank[child] = tail;
                    depth[tail] = depth[head - 1] + 1;
                    order[tail++] = child;
                }
            }
        }
        int deepest = depth[n - 1];
        deeperFrom = new int[deepest + 1];
        Arrays.fill(deeperFrom, Integer.MAX_VALUE);
        for (int s = n - 1; s >= 0; s--) {
            for (int d = 0; d < depth[s]; d++) {
                deeperFrom[d] = s * classes;
            }
        }
        outputs = new int[n][];
        for (int s = 0; s < n; s++) {
            List<Integer> o = out.get(order[s]);
            outputs[s] = o.isEmpty() ? null : o.stream().mapToInt(Integer::intValue).toArray();
        }
        table = new int[n * classes];
        for (int s = 0; s < n; s++) {
            for (int c = 0; c < classes; c++) {
                int target = rank[next[order[s] * classes + c]];
                table[s * classes + c] = outputs[target] == null ? target * classes : ~target;
            }
        }
    }

    private int[] newRow() {
        int[] row = new int[128];
        Arrays.fill(row, -1);
        return row;
    }

    /**
     * Reports every keyword occurrence in {@code text}, each once, in no particular order. The text is
     * read as ISO-8859-1 bytes, one a character (a character beyond it becomes {@code '?'}), so byte
     * positions are character positions and keywords, all ASCII, match exactly where they would in the
     * string.
     *
     * <p>The text is walked as two streams in one loop: one load a character depends on the one before,
     * so a single walk is bound by that load's latency, and two independent walks share it. The second
     * stream starts in the root at the middle and finds every occurrence that starts there or later (an
     * automaton started in its root finds all those). The first walks the first half, then on only while
     * its state still stands for a keyword prefix that began before the middle (usually no character or
     * a few), and there reports only occurrences that began before the middle.
     */
    void scan(String text, HitHandler handler) {
        final byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        final int n = bytes.length;
        if (n < TWO_STREAM_MIN) {
            scanOne(bytes, handler);
            return;
        }
        final int[] bc = byteClass;
        final int[] tb = table;
        final int k = classes;
        final int mid = n / 2;
        final int offset = mid; // the second stream reads i + offset
        int rowA = 0;
        int rowB = 0;
        for (int i = 0; i < mid; i++) {
            int a = tb[rowA + bc[bytes[i] & 0xFF]];
            int b = tb[rowB + bc[bytes[i + offset] & 0xFF]];
            if ((a | b) >= 0) {
                rowA = a;
                rowB = b;
                continue;
            }
            if (a >= 0) {
                rowA = a;
            } else {
                rowA = ~a * k;
                if (report(~a, i + 1, handler)) {
                    return;
                }
            }
            if (b >= 0) {
                rowB = b;
            } else {
                rowB = ~b * k;
                if (report(~b, i + offset + 1, handler)) {
                    return;
                }
            }
        }
        if (n - mid > mid) { // the odd character of the second stream
            int b = tb[rowB + bc[bytes[n - 1] & 0xFF]];
            if (b < 0 && report(~b, n, handler)) {
                return;
            }
        }
        // the first stream, on past the middle while its prefix began before it
        for (int i = mid; i < n && i - mid < deeperFrom.length && rowA >= deeperFrom[i - mid]; i++) {
            int a = tb[rowA + bc[bytes[i] & 0xFF]];
            if (a >= 0) {
                rowA = a;
            } else {
                rowA = ~a * k;
                for (int kw : outputs[~a]) {
                    if (i + 1 - lengths[kw] < mid && handler.hit(kw, i + 1)) {
                        return;
                    }
                }
            }
        }
    }

    private void scanOne(byte[] bytes, HitHandler handler) {
        final int[] bc = byteClass;
        final int[] tb = table;
        final int k = classes;
        int row = 0;
        for (int i = 0; i < bytes.length; i++) {
            int v = tb[row + bc[bytes[i] & 0xFF]];
            if (v >= 0) {
                row = v;
            } else {
                row = ~v * k;
                if (report(~v, i + 1, handler)) {
                    return;
                }
            }
        }
    }

    /** Reports the keywords that end in {@code state} at {@code end}; true to stop. */
    private boolean report(int state, int end, HitHandler handler) {
        for (int kw : outputs[state]) {
            if (handler.hit(kw, end)) {
                return true;
            }
        }
        return false;
    }
}
