package io.ecsmonitor.classifier.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Aho-Corasick automaton over ASCII-case-folded text: finds every occurrence of a set of keywords in
 * one pass, whatever their number. Characters that occur in no keyword share one alphabet class, so
 * the transition table stays small enough for the cache.
 */
final class KeywordAutomaton {

    /** Receives each match: the keyword's index and the position just past its last character. */
    interface HitHandler {
        void hit(int keyword, int end);
    }

    private final int[] charClass = new int[128];
    private final int classes;
    private final int[] next;         // state * classes + class -> state
    private final int[][] outputs;    // state -> keywords that end here (suffix outputs merged)

    KeywordAutomaton(List<String> keywords) {
        int cls = 1; // class 0: characters that occur in no keyword
        for (String k : keywords) {
            for (char c : k.toLowerCase(Locale.ROOT).toCharArray()) {
                if (c >= 128) {
                    throw new IllegalArgumentException("keywords are ASCII: " + k);
                }
                if (charClass[c] == 0) {
                    charClass[c] = cls++;
                }
            }
        }
        for (char c = 'A'; c <= 'Z'; c++) {
            charClass[c] = charClass[Character.toLowerCase(c)];
        }
        classes = cls;

        List<int[]> trie = new ArrayList<>();
        List<List<Integer>> out = new ArrayList<>();
        trie.add(newRow());
        out.add(new ArrayList<>());
        for (int k = 0; k < keywords.size(); k++) {
            int state = 0;
            for (char c : keywords.get(k).toLowerCase(Locale.ROOT).toCharArray()) {
                int cl = charClass[c];
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
        next = new int[n * classes];
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
        outputs = new int[n][];
        for (int s = 0; s < n; s++) {
            outputs[s] = out.get(s).isEmpty() ? null : out.get(s).stream().mapToInt(Integer::intValue).toArray();
        }
    }

    private int[] newRow() {
        int[] row = new int[128];
        Arrays.fill(row, -1);
        return row;
    }

    /** Reports every keyword occurrence in {@code text[from, to)}. */
    void scan(String text, int from, int to, HitHandler handler) {
        final int[] cc = charClass;
        final int[] nx = next;
        final int k = classes;
        int state = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            int cl = c < 128 ? cc[c] : 0;
            state = nx[state * k + cl];
            int[] o = outputs[state];
            if (o != null) {
                for (int kw : o) {
                    handler.hit(kw, i + 1);
                }
            }
        }
    }
}
