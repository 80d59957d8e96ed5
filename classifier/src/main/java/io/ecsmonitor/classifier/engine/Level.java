package io.ecsmonitor.classifier.engine;

/** An event's own severity, as its log line or structured record states it. */
public enum Level {
    /** No level stated. */
    NONE,
    /** DEBUG, TRACE, INFO, NOTICE and their spellings: rule 3 leaves only oom/panic/fatal. */
    LOW,
    /** WARN/WARNING: rule 3 leaves only rows 1–6. */
    WARN,
    /** ERROR and its spellings. */
    ERROR,
    /** FATAL, CRITICAL, EMERG, ALERT: rule 6, how bad but not what. */
    CRITICAL,
    /** A level of panic: a row-2 signal of its own. */
    PANIC;

    private static final String[][] WORDS = {
        {"trace", "trc", "trce", "debug", "dbg", "dbug", "debu", "d", "i", "info", "inf", "information",
            "informational", "notice", "note", "verbose", "verb", "silly", "log", "fine", "finer", "finest", "config"},
        {"warn", "warning", "wrn", "warnings", "w"},
        {"error", "err", "eror", "erro", "severe", "fail", "failure", "e"},
        {"fatal", "critical", "crit", "crt", "emerg", "emergency", "alert", "ftl", "fata", "f"},
        {"panic", "pnc", "pani"},
    };
    private static final Level[] WORD_LEVELS = {LOW, WARN, ERROR, CRITICAL, PANIC};
    private static final int MAX_WORD = 13;
    /** Level words by length, then by their first letter folded to lower case: no allocation per look-up. */
    private static final String[][][] BY_LENGTH_AND_LETTER = new String[MAX_WORD + 1][26][];
    private static final Level[][][] LEVELS_BY_LENGTH_AND_LETTER = new Level[MAX_WORD + 1][26][];

    static {
        for (int g = 0; g < WORDS.length; g++) {
            for (String w : WORDS[g]) {
                int len = w.length();
                int letter = w.charAt(0) - 'a';
                String[] words = BY_LENGTH_AND_LETTER[len][letter];
                Level[] levels = LEVELS_BY_LENGTH_AND_LETTER[len][letter];
                int n = words == null ? 0 : words.length;
                words = words == null ? new String[1] : java.util.Arrays.copyOf(words, n + 1);
                levels = levels == null ? new Level[1] : java.util.Arrays.copyOf(levels, n + 1);
                words[n] = w;
                levels[n] = WORD_LEVELS[g];
                BY_LENGTH_AND_LETTER[len][letter] = words;
                LEVELS_BY_LENGTH_AND_LETTER[len][letter] = levels;
            }
        }
    }

    /** Parses a level word in any case and common spelling; null when the word is no level. */
    public static Level parse(CharSequence s, int from, int to) {
        int n = to - from;
        if (n < 1 || n > MAX_WORD) {
            return null;
        }
        char c = s.charAt(from);
        int letter = (c | 0x20) - 'a';
        if (letter < 0 || letter >= 26) {
            return null;
        }
        String[] words = BY_LENGTH_AND_LETTER[n][letter];
        if (words == null) {
            return null;
        }
        for (int w = 0; w < words.length; w++) {
            if (equalsIgnoreAsciiCase(s, from, words[w])) {
                return LEVELS_BY_LENGTH_AND_LETTER[n][letter][w];
            }
        }
        return null;
    }

    private static boolean equalsIgnoreAsciiCase(CharSequence s, int from, String lower) {
        for (int i = 1; i < lower.length(); i++) {
            char c = s.charAt(from + i);
            if (c >= 'A' && c <= 'Z') {
                c = (char) (c + 32);
            }
            if (c != lower.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The pino/bunyan numeric levels: 10 trace … 60 fatal. */
    public static Level fromNumber(long n) {
        if (n >= 60) {
            return CRITICAL;
        }
        if (n >= 50) {
            return ERROR;
        }
        if (n >= 40) {
            return WARN;
        }
        return n >= 10 ? LOW : NONE;
    }
}
