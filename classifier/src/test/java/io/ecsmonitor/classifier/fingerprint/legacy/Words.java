package io.ecsmonitor.classifier.fingerprint.legacy;

/**
 * The small closed word lists the scanner consults, in one open-addressed table keyed by a
 * case-folded hash of a word's length and its first and last two characters, so a lookup reads at
 * most four characters before one probe and, on a hit, one comparison; nothing is allocated. Most
 * words of a log line are in no list, and a bit set by length, first and last character turns them
 * away before the table is touched.
 */
final class Words {

    static final int MONTH = 1;
    static final int WEEKDAY = 1 << 1;
    /** A literal value matched in lower, capitalised or upper case: true, False, NULL. */
    static final int LITERAL = 1 << 2;
    /** A literal matched in one spelling only: lower-case "none" is an English word. */
    static final int EXACT_LITERAL = 1 << 3;
    static final int UNIT = 1 << 4;
    static final int USER = 1 << 5;
    static final int NOT_A_NAME = 1 << 6;
    static final int MESSAGE_KEY = 1 << 7;
    static final int LEVEL_KEY = 1 << 8;
    static final int HOST_SUFFIX = 1 << 9;
    static final int LONG_HOST_SUFFIX = 1 << 10;
    static final int SOURCE_EXTENSION = 1 << 11;
    static final int HTTP_METHOD = 1 << 12;

    /** Words longer than this are in no list. */
    static final int MAX_LENGTH = 16;

    private static final int SLOTS = 1024;
    /** Each word in lower case (ASCII folding, as {@link #fold} does). */
    private static final char[][] WORD = new char[SLOTS][];
    private static final int[] HASH = new int[SLOTS];
    private static final int[] KINDS = new int[SLOTS];
    /**
     * Bit {@code last & 31} of entry {@code length << 5 | first & 31} is set when some listed word has
     * that length, first and last character. Masking with 31 maps a letter and its capital alike.
     */
    private static final int[] ENDS = new int[(MAX_LENGTH + 1) << 5];

    static {
        add(MONTH, "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
            "January", "February", "March", "April", "June", "July", "August", "September", "October",
            "November", "December");
        add(WEEKDAY, "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun", "Monday", "Tuesday", "Wednesday",
            "Thursday", "Friday", "Saturday", "Sunday");
        add(LITERAL, "true", "false", "null", "nil", "undefined");
        add(EXACT_LITERAL, "None", "NaN");
        // Units that may follow a number as a word of their own: "250 ms", "3 bytes".
        add(UNIT, "ns", "us", "\u00b5s", "ms", "s", "sec", "secs", "second", "seconds", "m", "min", "mins",
            "minute", "minutes", "h", "hr", "hrs", "hour", "hours", "day", "days",
            "b", "byte", "bytes", "kb", "kib", "mb", "mib", "gb", "gib", "tb", "tib");
        add(USER, "user", "username");
        // Words that follow "user" without being its name: "user not found", "user id 5".
        add(NOT_A_NAME, "a", "an", "the", "and", "or", "not", "no", "is", "was", "has", "had", "have",
            "does", "did", "do", "can", "cannot", "could", "will", "would", "should", "may", "must",
            "already", "with", "from", "for", "to", "in", "on", "of", "by", "at", "as", "if", "id", "ids",
            "name", "names", "account", "accounts", "session", "sessions", "data", "info", "agent",
            "request", "requests", "login", "logout", "logged", "authentication", "authorization",
            "credentials", "password", "token", "role", "roles", "group", "groups", "profile", "details",
            "list", "count", "exists", "found", "unknown");
        add(MESSAGE_KEY, "msg", "message", "error", "err", "event", "log");
        add(LEVEL_KEY, "level", "lvl", "severity", "loglevel", "levelname", "log.level", "severity_text");
        // Top-level domains that make a two-label name (example.com) a host name.
        add(HOST_SUFFIX, "com", "net", "org", "edu", "gov", "mil", "internal", "local", "localdomain", "lan",
            "arpa");
        // More suffixes taken on names of three labels or more (a.b.cluster, x.y.dev).
        add(LONG_HOST_SUFFIX, "io", "info", "biz", "int", "cloud", "dev", "app", "corp", "home", "svc",
            "cluster");
        // Extensions of source files, whose name.ext:42 is a line number rather than a port.
        add(SOURCE_EXTENSION, "java", "kt", "scala", "groovy", "clj", "py", "pyx", "go", "js", "mjs", "cjs",
            "ts", "jsx", "tsx", "rb", "php", "c", "h", "cc", "cpp", "hpp", "cs", "rs", "swift", "m", "ex",
            "exs", "erl", "lua", "pl", "sh", "dart", "vue", "sql", "yaml", "yml", "json", "xml", "toml", "ini",
            "conf", "cfg", "properties", "html", "txt", "log", "tf");
        add(HTTP_METHOD, "GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH", "CONNECT", "TRACE");
    }

    private Words() {
    }

    private static char fold(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }

    /** The case-folded hash of a word {@code s[from, to)} of at least one character. */
    private static int hash(char[] s, int from, int to) {
        int last = to - 1;
        int h = (to - from) * 31 + fold(s[from]);
        h = h * 31 + fold(s[Math.min(from + 1, last)]);
        h = h * 31 + fold(s[Math.max(last - 1, from)]);
        return h * 31 + fold(s[last]);
    }

    /** The kinds of the word {@code s[from, to)}, ignoring case; 0 if none. */
    static int kinds(char[] s, int from, int to) {
        int len = to - from;
        if (len > MAX_LENGTH || len <= 0 || (ENDS[len << 5 | s[from] & 31] & 1 << (s[to - 1] & 31)) == 0) {
            return 0;
        }
        int h = hash(s, from, to);
        for (int slot = slot(h); WORD[slot] != null; slot = (slot + 1) & (SLOTS - 1)) {
            char[] w = WORD[slot];
            if (HASH[slot] == h && w.length == len && foldedEquals(w, s, from)) {
                return KINDS[slot];
            }
        }
        return 0;
    }

    private static boolean foldedEquals(char[] word, char[] s, int from) {
        for (int k = 0; k < word.length; k++) {
            if (fold(s[from + k]) != word[k]) {
                return false;
            }
        }
        return true;
    }

    /** Whether a word whose kinds include MONTH or WEEKDAY is written as a date word (Jan, JAN, not jan). */
    static boolean isDateWord(char[] s, int from, int to) {
        return to - from >= 3 && isUpper(s[from]) && (allUpper(s, from, to) || noUpper(s, from + 1, to));
    }

    /** Whether a word whose kinds include LITERAL or EXACT_LITERAL is spelled as one. */
    static boolean isLiteralSpelling(char[] s, int from, int to, int kinds) {
        if ((kinds & EXACT_LITERAL) != 0) {
            // None, NaN: the capital N and the rest as written.
            return s[from] == 'N' && (to - from == 3 ? s[from + 1] == 'a' && s[from + 2] == 'N' : noUpper(s, from + 1, to));
        }
        return noUpper(s, from, to) || allUpper(s, from, to) || isUpper(s[from]) && noUpper(s, from + 1, to);
    }

    /** Whether a label of a dotted name of {@code labels} labels is a top-level domain. */
    static boolean isHostSuffix(char[] s, int from, int to, int labels) {
        if (!noUpper(s, from, to)) {
            return false;
        }
        int k = kinds(s, from, to);
        return (k & HOST_SUFFIX) != 0
            || labels >= 3 && (to - from == 2 && isLowerAlpha(s, from, to) || (k & LONG_HOST_SUFFIX) != 0);
    }

    /** True when the text at {@code from} is an HTTP request line ({@code GET /…}). */
    static boolean startsHttpRequest(char[] s, int from, int to) {
        int end = from;
        while (end < to && end - from < 8 && s[end] >= 'A' && s[end] <= 'Z') {
            end++;
        }
        return end > from && end + 1 < to && s[end] == ' ' && s[end + 1] == '/'
            && (kinds(s, from, end) & HTTP_METHOD) != 0;
    }

    private static void add(int kind, String... words) {
        for (String word : words) {
            char[] w = word.toCharArray();
            for (int k = 0; k < w.length; k++) {
                w[k] = fold(w[k]);
            }
            int h = hash(w, 0, w.length);
            int slot = slot(h);
            while (WORD[slot] != null && !java.util.Arrays.equals(WORD[slot], w)) {
                slot = (slot + 1) & (SLOTS - 1);
            }
            WORD[slot] = w;
            HASH[slot] = h;
            KINDS[slot] |= kind;
            ENDS[w.length << 5 | w[0] & 31] |= 1 << (w[w.length - 1] & 31);
        }
    }

    private static int slot(int h) {
        return (h * 0x9e3779b9) >>> (Integer.SIZE - Integer.numberOfTrailingZeros(SLOTS));
    }

    private static boolean isUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    private static boolean allUpper(char[] s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s[i] >= 'a' && s[i] <= 'z') {
                return false;
            }
        }
        return true;
    }

    private static boolean noUpper(char[] s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s[i] >= 'A' && s[i] <= 'Z') {
                return false;
            }
        }
        return true;
    }

    private static boolean isLowerAlpha(char[] s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s[i] < 'a' || s[i] > 'z') {
                return false;
            }
        }
        return true;
    }
}
