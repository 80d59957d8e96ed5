package io.ecsmonitor.classifier.engine;

/**
 * Finds the level a plain-text log line states for itself, in the prefix that logging frameworks
 * write before the message: {@code 2019-12-12 12:53:26.094 ERROR 3008 ---}, {@code [2024-…] [INFO]},
 * {@code 2020/09/08 20:41:14 [crit] 9#9:}, {@code - WARN  [RecvWorker]}, {@code 87 info retry},
 * {@code E build: …}, {@code INFO[2020-04-10 …]}, {@code [celery:INFO:…]}.
 *
 * <p>Upper-case level words count anywhere in the first {@value #WINDOW} characters of the first
 * line; a bracketed level ({@code [error]}, {@code [Note]}) counts in any case; a lower-case word
 * such as {@code info} counts only where nothing but a prefix (timestamps, numbers, ids) precedes it,
 * so that "Proxy to server error" states no level.
 */
public final class LevelDetector {

    static final int WINDOW = 160;

    private LevelDetector() {
    }

    /** The level of the line {@code text[0, lineEnd)}, or {@link Level#NONE}. */
    public static Level detect(String text, int lineEnd) {
        int end = Math.min(lineEnd, WINDOW);
        boolean prefixOnly = true;
        int tokenIndex = 0;
        int i = 0;
        while (i < end) {
            char c = text.charAt(i);
            if (isSeparator(c)) {
                i++;
                continue;
            }
            int start = i;
            while (i < end && !isSeparator(text.charAt(i))) {
                i++;
            }
            if (!prefixOnly && !mayBeLevelInMessage(text, start)) {
                tokenIndex++;
                continue;
            }
            Level level = judge(text, start, i, end, tokenIndex, prefixOnly);
            if (level != null) {
                return level;
            }
            if (prefixOnly && !isPrefixToken(text, start, i, tokenIndex)) {
                prefixOnly = false;
            }
            tokenIndex++;
        }
        return Level.NONE;
    }

    /**
     * Past the prefix, only an upper-case level word or a bracketed one ({@code [error]}, {@code <warn>},
     * {@code [proxy:error]}) states a level (see {@link #judge}): a token that starts with no capital
     * letter and follows no {@code [}, {@code <} or {@code :} is passed over without judging it.
     */
    private static boolean mayBeLevelInMessage(String s, int start) {
        char first = s.charAt(start);
        if (first >= 'A' && first <= 'Z') {
            return true;
        }
        char before = start > 0 ? s.charAt(start - 1) : ' ';
        return before == '[' || before == '<' || before == ':';
    }

    private static final boolean[] SEPARATORS = new boolean[128];

    static {
        for (char c : " \t[]|()<>,;/:\"'!=".toCharArray()) {
            SEPARATORS[c] = true;
        }
    }

    private static boolean isSeparator(char c) {
        return c < 128 && SEPARATORS[c];
    }

    private static Level judge(String s, int start, int end, int lineEnd, int tokenIndex, boolean prefixOnly) {
        int n = end - start;
        if (n == 1) {
            char c = s.charAt(start);
            // Android logcat: "03-17 16:13:38.811  1702  2395 D WindowManager: …", after date, time, pid, tid
            if (tokenIndex >= 2 && prefixOnly && end + 1 < lineEnd && s.charAt(end) == ' '
                    && "VDIWEF".indexOf(c) >= 0 && Character.isLetter(s.charAt(end + 1))) {
                switch (c) {
                    case 'W': return Level.WARN;
                    case 'E': return Level.ERROR;
                    case 'F': return Level.CRITICAL;
                    default: return Level.LOW;
                }
            }
            // "E build: …", "W: …" single-letter levels only as the line's first token
            if (tokenIndex == 0 && (c == 'E' || c == 'W' || c == 'F') && end < lineEnd
                    && (s.charAt(end) == ' ' || s.charAt(end) == ':')) {
                return Level.parse(s, start, end) == Level.CRITICAL ? Level.CRITICAL
                        : c == 'W' ? Level.WARN : Level.ERROR;
            }
            return null;
        }
        if (tokenIndex == 0 && n >= 5 && isGlogPrefix(s, start, end)) {
            switch (s.charAt(start)) {
                case 'I': return Level.LOW;
                case 'W': return Level.WARN;
                case 'E': return Level.ERROR;
                default: return Level.CRITICAL;
            }
        }
        Level level = Level.parse(s, start, end);
        if (level == null) {
            return null;
        }
        if (isUpperCase(s, start, end)) {
            // words that are levels only where a prefix puts them, or with a colon or brackets:
            // "logrotate: ALERT exited abnormally" is a message, "[alert]" and "FAIL:" are levels
            if (n <= 5 && isAmbiguousUpperCase(s, start, n) && !prefixOnly
                    && !(end < lineEnd && s.charAt(end) == ':') && !(start > 0 && s.charAt(start - 1) == '[')) {
                return null;
            }
            return level;
        }
        boolean bracketed = start > 0 && end < lineEnd
                && ((s.charAt(start - 1) == '[' && s.charAt(end) == ']') || (s.charAt(start - 1) == '<' && s.charAt(end) == '>')
                    || (s.charAt(start - 1) == ':' && s.charAt(end) == ']')); // Apache: [proxy:error]
        if (bracketed) {
            return level;
        }
        if (!prefixOnly) {
            return null;
        }
        // "Error: …", "Warning: …" and a column ("Info      CBS") state a level; "Error rate over 5m" is a sentence
        boolean capitalised = Character.isUpperCase(s.charAt(start));
        boolean levelShaped = end < lineEnd && (s.charAt(end) == ':' || s.charAt(end) == '\t'
                || (s.charAt(end) == ' ' && end + 1 < lineEnd && s.charAt(end + 1) == ' '));
        return !capitalised || levelShaped ? level : null;
    }

    private static boolean isAmbiguousUpperCase(String s, int start, int n) {
        return s.startsWith("ALERT", start) && n == 5 || s.startsWith("EMERG", start) && n == 5
                || s.startsWith("CRIT", start) && n == 4 || s.startsWith("LOG", start) && n == 3
                || s.startsWith("FAIL", start) && n == 4 || s.startsWith("NOTE", start) && n == 4;
    }

    private static boolean isGlogPrefix(String s, int start, int end) {
        char c = s.charAt(start);
        if (c != 'I' && c != 'W' && c != 'E' && c != 'F') {
            return false;
        }
        for (int i = start + 1; i < Math.min(end, start + 5); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isUpperCase(String s, int start, int end) {
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            if (c < 'A' || c > 'Z') {
                return false;
            }
        }
        return true;
    }

    private static final String[] CALENDAR_WORDS = {
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
        "mon", "tue", "wed", "thu", "fri", "sat", "sun", "utc", "gmt", "cet", "cest", "pst", "pdt", "est", "edt",
        "am", "pm", "-", "--", "---", "t", "z"
    };

    /** The calendar words by length (1 to 4) and first character folded to lower case: one short list a look-up. */
    private static final String[][][] CALENDAR_BY_LENGTH_AND_FIRST = new String[5][128][];

    static {
        for (String w : CALENDAR_WORDS) {
            String[][] byFirst = CALENDAR_BY_LENGTH_AND_FIRST[w.length()];
            String[] words = byFirst[w.charAt(0)];
            words = words == null ? new String[1] : java.util.Arrays.copyOf(words, words.length + 1);
            words[words.length - 1] = w;
            byFirst[w.charAt(0)] = words;
        }
    }

    /** Month and weekday names, time zones, AM/PM and dashes: the words of a timestamp. */
    static boolean isCalendarWord(String s, int start, int end) {
        int n = end - start;
        if (n > 4 || n < 1) {
            return false;
        }
        char c = s.charAt(start);
        if (c >= 'A' && c <= 'Z') {
            c = (char) (c + 32);
        }
        String[] words = c < 128 ? CALENDAR_BY_LENGTH_AND_FIRST[n][c] : CALENDAR_WORDS; // (Unicode folding: 'ſ' is 's')
        if (words == null) {
            return false;
        }
        for (String w : words) {
            if (w.length() == n && s.regionMatches(true, start, w, 0, n)) {
                return true;
            }
        }
        return false;
    }

    /** Timestamps, numbers, ids, calendar words: what precedes a level in a log prefix. */
    private static boolean isPrefixToken(String s, int start, int end, int tokenIndex) {
        for (int i = start; i < end; i++) {
            if (Character.isDigit(s.charAt(i))) {
                return true;
            }
        }
        if (isCalendarWord(s, start, end)) {
            return true;
        }
        // "stress: info:" — a program name as the line's first token, followed by a colon
        return tokenIndex == 0 && end < s.length() && s.charAt(end) == ':';
    }
}
