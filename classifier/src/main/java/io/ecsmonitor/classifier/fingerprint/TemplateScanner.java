package io.ecsmonitor.classifier.fingerprint;

/**
 * The single-pass scanner behind {@link Fingerprinter}: it walks a message once, left to right, and
 * tells a {@link TemplateWriter} which parts are constant and which are variable. See
 * {@link Fingerprinter} for the rules; this class only implements them.
 */
final class TemplateScanner {

    /** How deep a message field may nest another record ({@code {"log":"{\"msg\":…}"}}). */
    static final int MAX_DEPTH = 2;
    /**
     * How far a closing quote or the end of a bracketed {@code key=value} value is looked for, so that
     * a line full of unmatched quotes or brackets costs linear time, not quadratic.
     */
    private static final int MAX_QUOTED = 1024;

    // Facts about one run of word characters: the bits of its characters' classes or-ed together. A
    // class also has RUN for a word character and HEX_LETTER for a-f, which carry no fact.
    private static final int DIGIT = 1;
    private static final int NOT_HEX = 1 << 1;
    private static final int NOT_NUMBER = 1 << 2;
    private static final int AT_SIGN = 1 << 3;
    private static final int DOT = 1 << 4;
    private static final int RUN = 1 << 5;
    private static final int HEX_LETTER = 1 << 6;
    private static final int WORD_CLASS = RUN | NOT_HEX | NOT_NUMBER;

    /** The class of every UTF-16 code unit, so that reading one is a single load without a branch. */
    private static final byte[] CLASSES = new byte[Character.MAX_VALUE + 1];
    /** The punctuation that {@link #punctuation} may read as more than a delimiter. */
    private static final boolean[] SPECIAL_PUNCTUATION = new boolean[128];

    static {
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            int k = 0;
            if (c >= '0' && c <= '9') {
                k = RUN | DIGIT;
            } else if (c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
                k = RUN | NOT_NUMBER | HEX_LETTER;
            } else if (c >= 'g' && c <= 'z' || c >= 'G' && c <= 'Z' || c == '_' || c == '$' || c == '~') {
                k = WORD_CLASS;
            } else if (c == '-') {
                k = RUN | NOT_NUMBER;
            } else if (c == '.') {
                k = RUN | NOT_HEX | DOT;
            } else if (c == '@') {
                k = WORD_CLASS | AT_SIGN;
            } else if (c >= 128 && Character.isLetterOrDigit((char) c)) {
                k = WORD_CLASS;
            }
            CLASSES[c] = (byte) k;
        }
        for (char c : "/=\"'`([{<>+".toCharArray()) {
            SPECIAL_PUNCTUATION[c] = true;
        }
    }

    private static final String[] ERROR_MARKERS = {
        "Exception", "Error", "Throwable", "Exit", "Interrupt", "Timeout", "Fault", "Failure", "Panic",
    };

    private TemplateScanner() {
    }

    /** Templates a whole event: one line, a JSON record, or a multi-line event such as a stack trace. */
    static void message(char[] s, int from, int to, TemplateWriter w, int depth) {
        message(s, from, to, w, depth, indexOf(s, '\n', from, to), null);
    }

    /**
     * As {@link #message(char[], int, int, TemplateWriter, int)}, given the first newline at or after
     * {@code from}, or -1, and the message as a string when {@code s} holds its characters at the same
     * indexes, else null: a trace's lines are then found by the string's vectorised {@code indexOf}
     * rather than a loop over the characters, most of which the trace rules never read.
     */
    static void message(char[] s, int from, int to, TemplateWriter w, int depth, int newline, String text) {
        while (from < to && s[from] <= ' ') {
            from++;
        }
        while (to > from && s[to - 1] <= ' ') {
            to--;
        }
        if (from == to) {
            return;
        }
        if (newline >= 0 && newline < from) {
            newline = indexOf(s, '\n', from, to);
        }
        if (newline < 0 || newline >= to) {
            singleLine(s, from, to, w, depth);
        } else {
            multiLine(s, from, to, newline, w, depth, text);
        }
    }

    private static void singleLine(char[] s, int from, int to, TemplateWriter w, int depth) {
        if (s[to - 1] == '}' && depth <= MAX_DEPTH) {
            int brace = jsonStart(s, from, to);
            JsonRecord record = brace >= 0 ? JsonRecord.parse(s, brace, to) : null;
            if (record != null) {
                scanLine(s, from, brace, w, true);
                record.template(w, depth);
                return;
            }
        }
        scanLine(s, from, to, w, true);
    }

    /** The first {@code {"} (blanks allowed inside) in the line, or -1. */
    private static int jsonStart(char[] s, int from, int to) {
        for (int i = indexOf(s, '{', from, to); i >= 0; i = indexOf(s, '{', i + 1, to)) {
            int j = i + 1;
            while (j < to && s[j] <= ' ') {
                j++;
            }
            if (j < to && s[j] == '"') {
                return i;
            }
        }
        return -1;
    }

    // ---------------------------------------------------------------- multi-line events

    private static void multiLine(char[] s, int from, int to, int firstNewline, TemplateWriter w, int depth, String text) {
        int firstEnd = trimEnd(s, from, firstNewline);
        singleLine(s, from, firstEnd, w, depth);

        boolean python = startsWith(s, from, firstEnd, "Traceback (most recent call last)");
        boolean trace = python;
        int excFrom = -1;
        int excTo = -1;
        int javaFrom = -1;
        int javaTo = -1;
        boolean wantJavaFrame = true;
        int pyFrom = -1;
        int pyTo = -1;
        int goFrom = -1;
        int goTo = -1;
        boolean goWaiting = false;

        for (int lineStart = firstNewline + 1; lineStart < to; ) {
            int lineEnd = lineEnd(s, lineStart, to, text);
            int a = lineStart;
            while (a < lineEnd && s[a] <= ' ') {
                a++;
            }
            int e = trimEnd(s, a, lineEnd);
            boolean indented = a > lineStart;
            if (a < e) {
                // Most lines of a trace are frames: the first character rules out all prefixes but one.
                char first = s[a];
                if (first == 'a' && startsWith(s, a, e, "at ")) {
                    trace = true;
                    if (wantJavaFrame) {
                        javaFrom = a + 3;
                        javaTo = trimEnd(s, javaFrom, cutAt(s, javaFrom, e, '('));
                        wantJavaFrame = false;
                    }
                } else if (first == 'C' && startsWith(s, a, e, "Caused by: ")) {
                    trace = true;
                    excFrom = a + 11;
                    excTo = identifierEnd(s, excFrom, e);
                    wantJavaFrame = true;
                } else if (first == 'F' && startsWith(s, a, e, "File \"")) {
                    trace = true;
                    python = true;
                    pyFrom = a;
                    pyTo = e;
                } else if (first == 'T' && startsWith(s, a, e, "Traceback (most recent call last)")) {
                    trace = true;
                    python = true;
                } else if (first == 'g' && startsWith(s, a, e, "goroutine ") && indexOf(s, '[', a, e) >= 0) {
                    trace = true;
                    goWaiting = goFrom < 0;
                } else if (!indented) {
                    if (goWaiting) {
                        goFrom = a;
                        int paren = lastIndexOf(s, '(', a, e);
                        goTo = paren > a ? paren : e;
                        goWaiting = false;
                    } else {
                        int typeEnd = exceptionTypeEnd(s, a, e, python);
                        if (typeEnd > 0) {
                            trace = true;
                            excFrom = a;
                            excTo = typeEnd;
                            wantJavaFrame = true;
                        }
                    }
                }
            }
            lineStart = lineEnd + 1;
        }

        if (trace) {
            if (excFrom >= 0 && excTo > excFrom) {
                w.newLine();
                w.constant(s, excFrom, excTo);
            }
            if (python && pyFrom >= 0) {
                w.newLine();
                scanLine(s, pyFrom, pyTo, w, false);
            } else if (!python && javaFrom >= 0) {
                w.newLine();
                scanLine(s, javaFrom, javaTo, w, false);
            } else if (goFrom >= 0) {
                w.newLine();
                scanLine(s, goFrom, goTo, w, false);
            }
            return;
        }
        for (int lineStart = firstNewline + 1; lineStart < to; ) {
            int lineEnd = lineEnd(s, lineStart, to, text);
            int a = lineStart;
            while (a < lineEnd && s[a] <= ' ') {
                a++;
            }
            int e = trimEnd(s, a, lineEnd);
            if (a < e) {
                w.newLine();
                singleLine(s, a, e, w, depth);
            }
            lineStart = lineEnd + 1;
        }
    }

    /**
     * The end of an exception type opening a line ({@code java.io.IOException: …},
     * {@code KeyError: 'id'}, {@code requests.exceptions.ReadTimeout}), or -1. Outside a Python
     * traceback the name must say it is an error.
     */
    private static int exceptionTypeEnd(char[] s, int a, int e, boolean python) {
        if (!Character.isLetter(s[a])) {
            return -1;
        }
        int end = identifierEnd(s, a, e);
        if (end < e && (s[end] != ':' || end + 1 < e && s[end + 1] > ' ')) {
            return -1;
        }
        int lastDot = lastIndexOf(s, '.', a, end);
        int simple = lastDot >= a ? lastDot + 1 : a;
        if (simple >= end || !Character.isUpperCase(s[simple])) {
            return -1;
        }
        if (python) {
            return end;
        }
        for (String marker : ERROR_MARKERS) {
            if (contains(s, simple, end, marker)) {
                return end;
            }
        }
        return -1;
    }

    private static int identifierEnd(char[] s, int from, int to) {
        int i = from;
        while (i < to) {
            char c = s[i];
            if (Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '.') {
                i++;
            } else {
                break;
            }
        }
        while (i > from && s[i - 1] == '.') {
            i--;
        }
        return i;
    }

    // ---------------------------------------------------------------- one line

    /**
     * Templates one line. {@code maskQuotes} is false for stack frames, whose quoted file names are
     * part of the crash site.
     */
    static void scanLine(char[] s, int from, int to, TemplateWriter w, boolean maskQuotes) {
        scanLine(s, from, to, w, maskQuotes, false);
    }

    /** {@code nested} is true inside a quoted message value, whose own message keys are not read again. */
    private static void scanLine(char[] s, int from, int to, TemplateWriter w, boolean maskQuotes, boolean nested) {
        int i = from;
        // The last word read: the key of a key=value, or the "user" before a user name.
        int wordTo = -1;
        int wordKinds = 0;
        while (i < to) {
            char c = s[i];
            if (c <= ' ') {
                int end = i + 1;
                while (end < to && s[end] <= ' ') {
                    end++;
                }
                w.blank(s, i, end);
                i = end;
                continue;
            }
            if (CLASSES[c] == 0) {
                if (c < 128 && !SPECIAL_PUNCTUATION[c]) {
                    w.delimiter(s, i, i + 1);
                    i++;
                } else {
                    i = punctuation(s, from, i, to, w, maskQuotes, nested, wordTo, wordKinds);
                }
                wordTo = -1;
                continue;
            }
            if ((c == '.' || c == '~' || i + 2 < to && s[i + 1] == ':') && startsPath(s, from, i, to)) {
                int end = pathEnd(s, i, to);
                if (end > 0) {
                    w.variable(false);
                    i = end;
                    wordTo = -1;
                    continue;
                }
            }
            // A leading minus is a sign: "-5" is a number.
            int facts = c == '-' ? 0 : CLASSES[c];
            int end = i + 1;
            while (end < to) {
                int k = CLASSES[s[end]];
                if (k == 0) {
                    break;
                }
                facts |= k;
                end++;
            }
            if (end < to && s[end] == ':' && end - i <= 4 && (facts & NOT_HEX) == 0) {
                int hexEnd = hexColonEnd(s, i, to);
                if (hexEnd > 0) {
                    w.variable(false);
                    i = hexEnd;
                    wordTo = -1;
                    continue;
                }
            }
            int e = end;
            while (e > i && isTrailingJunk(s[e - 1])) {
                e--;
            }
            if (e < end && e > i) {
                facts = facts(s, i, e);
            }
            if (e > i) {
                boolean afterUser = (wordKinds & Words.USER) != 0 && wordTo == i - 1 && s[wordTo] == ' ';
                wordKinds = run(s, i, e, to, w, facts, afterUser);
                wordTo = e;
            }
            if (e < end) {
                w.delimiter(s, e, end);
            }
            i = end;
        }
    }

    /**
     * Handles the punctuation at {@code i}: a path, a {@code key=value}, a quoted value, an empty
     * bracket pair, a sign before a number, or a plain delimiter; returns where scanning goes on.
     */
    private static int punctuation(char[] s, int from, int i, int to, TemplateWriter w, boolean maskQuotes,
                                   boolean nested, int wordTo, int wordKinds) {
        char c = s[i];
        if (c == '/' && startsPath(s, from, i, to)) {
            int end = pathEnd(s, i, to);
            if (end > 0) {
                w.variable(false);
                return end;
            }
        }
        if (c == '=' && wordTo == i && i + 1 < to && startsValue(s[i + 1])) {
            return keyValue(s, nested ? wordKinds & ~Words.MESSAGE_KEY : wordKinds, i, to, w);
        }
        if ((c == '"' || c == '\'' || c == '`') && maskQuotes && (i == from || !isLetterOrDigit(s[i - 1]))
            && !Words.startsHttpRequest(s, i + 1, to)) {
            int close = closingQuote(s, i, to);
            if (close >= 0) {
                w.variable(false);
                return close + 1;
            }
        }
        if ((c == '(' || c == '[' || c == '{') && i + 1 < to && s[i + 1] == closer(c)
            && (i == from || s[i - 1] <= ' ') && (i + 2 == to || s[i + 2] <= ' ')) {
            // An empty value: "connection from 1.2.3.4 () at" is "connection from 1.2.3.4 (host) at".
            w.variable(false);
            return i + 2;
        }
        if ((c == '<' || c == '>' || c == '+') && i + 1 < to && isDigit(s[i + 1])
            && (i == from || !isRunChar(s[i - 1]))) {
            // "<1 sec", "+0x1d": the sign belongs to the number it qualifies.
            return i + 1;
        }
        w.delimiter(s, i, i + 1);
        return i + 1;
    }

    /** The facts of the run {@code s[a, b)}. */
    private static int facts(char[] s, int a, int b) {
        int facts = s[a] == '-' ? 0 : CLASSES[s[a]];
        for (int i = a + 1; i < b; i++) {
            facts |= CLASSES[s[i]];
        }
        return facts;
    }

    private static int hexLetters(char[] s, int a, int b) {
        int n = 0;
        for (int i = a; i < b; i++) {
            n += (CLASSES[s[i]] & HEX_LETTER) != 0 ? 1 : 0;
        }
        return n;
    }

    private static boolean startsValue(char c) {
        return c > ' ' && c != '=' && c != ',' && c != ';' && c != '&' && c != ')' && c != ']' && c != '}';
    }

    /** Handles {@code key=value} at the {@code =}; returns where scanning goes on. */
    private static int keyValue(char[] s, int keyKinds, int eq, int to, TemplateWriter w) {
        int valueFrom = eq + 1;
        int valueTo = valueEnd(s, valueFrom, to);
        w.delimiter(s, eq, eq + 1);
        if ((keyKinds & Words.LEVEL_KEY) != 0) {
            w.constant(s, valueFrom, valueTo);
        } else if ((keyKinds & Words.MESSAGE_KEY) != 0) {
            char q = s[valueFrom];
            boolean quoted = (q == '"' || q == '\'' || q == '`') && valueTo - valueFrom >= 2 && s[valueTo - 1] == q;
            if (!quoted) {
                // An unquoted message is one word: scanning simply goes on through it.
                return valueFrom;
            }
            w.constant(s, valueFrom, valueFrom + 1);
            scanLine(s, valueFrom + 1, valueTo - 1, w, true, true);
            w.constant(s, valueTo - 1, valueTo);
        } else {
            w.variable(false);
        }
        return valueTo;
    }

    /**
     * The end of a {@code key=value} value: a quoted string, or up to a blank, {@code ,}, {@code ;}
     * or {@code &}, keeping bracketed groups ({@code ws=WorkSource{10113}}, {@code r=Rect(0, 0)}) whole.
     */
    private static int valueEnd(char[] s, int from, int to) {
        char q = s[from];
        if (q == '"' || q == '\'' || q == '`') {
            int close = closingQuote(s, from, to);
            if (close >= 0) {
                return close + 1;
            }
        }
        int depth = 0;
        int firstBlank = -1;
        int i = from;
        int end = Math.min(to, from + MAX_QUOTED);
        for (; i < end; i++) {
            char c = s[i];
            if (c <= ' ') {
                if (depth == 0) {
                    break;
                }
                if (firstBlank < 0) {
                    firstBlank = i;
                }
            } else if (depth == 0 && (c == ',' || c == ';' || c == '&')) {
                break;
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                if (depth == 0) {
                    break;
                }
                depth--;
            }
        }
        if (depth > 0) {
            // Unbalanced or too long: the value is its first word.
            return firstBlank >= 0 ? firstBlank : i;
        }
        return i;
    }

    /**
     * Decides one run of word characters ({@code [A-Za-z0-9_.$@~-]} and other letters), given the
     * facts gathered while reading it, and returns its word-list kinds (0 for a run with digits or in
     * no list).
     */
    private static int run(char[] s, int a, int b, int lineTo, TemplateWriter w, int facts, boolean afterUser) {
        if ((facts & DOT) != 0 && (isHostname(s, a, b) || isHostWithPort(s, a, b, lineTo))
            || (facts & AT_SIGN) != 0 && isEmail(s, a, b)) {
            w.variable(false);
            return 0;
        }
        if ((facts & DIGIT) != 0) {
            if ((facts & DOT) == 0) {
                w.variable((facts & NOT_NUMBER) == 0);
            } else if ((facts & NOT_NUMBER) == 0 && isDigit(s[a])) {
                // Only digits and dots ("10.0.0.1", "3.14"): its number segments would collapse into one.
                w.variable(true);
            } else {
                segments(s, a, b, w);
            }
            return 0;
        }
        if ((facts & NOT_HEX) == 0 && b - a >= 8 && hexLetters(s, a, b) >= 8) {
            w.variable(false);
            return 0;
        }
        int kinds = Words.kinds(s, a, b);
        if (afterUser && (kinds & Words.NOT_A_NAME) == 0) {
            // "for user alice", "Invalid user admin": the word after "user" is its name.
            w.variable(false);
            return kinds;
        }
        if (kinds != 0 && isVariableWord(s, a, b, lineTo, kinds, w)) {
            w.variable(false);
            return kinds;
        }
        w.constant(s, a, b);
        return kinds;
    }

    /** Literals, dates' month and weekday names, and units after a number. */
    private static boolean isVariableWord(char[] s, int a, int b, int lineTo, int kinds, TemplateWriter w) {
        if ((kinds & (Words.LITERAL | Words.EXACT_LITERAL)) != 0 && Words.isLiteralSpelling(s, a, b, kinds)) {
            return true;
        }
        if ((kinds & Words.MONTH) != 0 && Words.isDateWord(s, a, b)
            && (nextStartsWithDigit(s, b, lineTo) || w.afterVariable(",-/"))) {
            return true;
        }
        if ((kinds & Words.WEEKDAY) != 0 && Words.isDateWord(s, a, b)
            && (nextStartsWithDigit(s, b, lineTo) || nextIsMonth(s, b, lineTo))) {
            return true;
        }
        return (kinds & Words.UNIT) != 0 && w.afterNumber();
    }

    /** A dotted run with digits, judged per segment: {@code file1.txt} is {@code <*>.txt}. */
    private static void segments(char[] s, int a, int b, TemplateWriter w) {
        int segment = a;
        for (int i = a; i <= b; i++) {
            if (i == b || s[i] == '.') {
                if (i > segment) {
                    segment(s, segment, i, w);
                }
                if (i < b) {
                    w.delimiter(s, i, i + 1);
                }
                segment = i + 1;
            }
        }
    }

    private static void segment(char[] s, int a, int b, TemplateWriter w) {
        int facts = facts(s, a, b);
        if ((facts & DIGIT) != 0 || (facts & NOT_HEX) == 0 && b - a >= 8) {
            w.variable((facts & (DIGIT | NOT_NUMBER)) == DIGIT);
        } else {
            w.constant(s, a, b);
        }
    }

    /**
     * Whether a file-system path or route starts here: {@code /a/…}, {@code ./a}, {@code ../a},
     * {@code ~/a} or {@code C:\a}, after a blank or punctuation other than a slash.
     */
    private static boolean startsPath(char[] s, int from, int i, int to) {
        char c = s[i];
        if (i > from) {
            char prev = s[i - 1];
            if (isRunChar(prev) || prev == '/' || prev == '\\') {
                return false;
            }
        }
        if (c == '/') {
            return i + 1 < to && isRunChar(s[i + 1]);
        }
        if (c == '.' || c == '~') {
            int j = i + 1;
            if (c == '.' && j < to && s[j] == '.') {
                j++;
            }
            return j + 1 < to && s[j] == '/' && isRunChar(s[j + 1]);
        }
        return (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z') && i + 3 < to && s[i + 1] == ':'
            && s[i + 2] == '\\' && isRunChar(s[i + 3]);
    }

    /**
     * The end of a path of two segments or more starting at {@code i}, with its query string, or -1
     * for a shorter one ({@code /health} stays).
     */
    private static int pathEnd(char[] s, int i, int to) {
        int separators = 0;
        int end = i;
        for (; end < to; end++) {
            char c = s[end];
            if (c == '/' || c == '\\') {
                separators++;
            } else if (c == '?' || c == '#') {
                while (end < to && s[end] > ' ' && s[end] != '"' && s[end] != '\'') {
                    end++;
                }
                break;
            } else if (!isRunChar(c) && c != '%' && c != '+') {
                break;
            }
        }
        while (end > i && isTrailingJunk(s[end - 1])) {
            end--;
        }
        return separators >= (s[i] == '/' ? 2 : 1) ? end : -1;
    }

    /**
     * The end of a colon-separated hex sequence starting at {@code i} (IPv6, MAC address, clock
     * time), or -1: three groups or more of at most four hex digits, with a digit in one of them or
     * six groups.
     */
    private static int hexColonEnd(char[] s, int i, int to) {
        int groups = 0;
        boolean digit = false;
        int end = i;
        int j = i;
        while (true) {
            int g = j;
            while (j < to && j - g < 5 && isHex(s[j])) {
                digit |= isDigit(s[j]);
                j++;
            }
            int len = j - g;
            if (len > 4 || len == 0 && (j == i || s[j - 1] != ':')) {
                return -1;
            }
            if (len > 0 || j > i) {
                groups++;
                end = j;
            }
            if (j + 1 < to && s[j] == ':' && (isHex(s[j + 1]) || s[j + 1] == ':')) {
                j++;
            } else {
                break;
            }
        }
        if (end < to && isRunChar(s[end]) && s[end] != '.') {
            return -1;
        }
        return groups >= 3 && (digit || groups >= 6) ? end : -1;
    }

    /**
     * A host name: two or more dot-separated labels ending in a known top-level suffix in lower case
     * ({@code db.example.com}, {@code ip-10-0-0-1.ec2.internal}); Java packages and file names end
     * otherwise.
     */
    private static boolean isHostname(char[] s, int a, int b) {
        // Most dotted runs (versions, addresses, class names) fail at once: a suffix is lower-case letters.
        int suffix = b;
        while (suffix > a && s[suffix - 1] >= 'a' && s[suffix - 1] <= 'z') {
            suffix--;
        }
        if (suffix == b || suffix - 1 <= a || s[suffix - 1] != '.') {
            return false;
        }
        int labels = 1;
        int lastDot = -1;
        for (int i = a; i < b; i++) {
            char c = s[i];
            if (c == '.') {
                if (i == a || i - 1 == lastDot) {
                    return false;
                }
                labels++;
                lastDot = i;
            } else if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                return false;
            }
        }
        return lastDot > a && lastDot < b - 1 && Words.isHostSuffix(s, lastDot + 1, b, labels);
    }

    private static boolean isEmail(char[] s, int a, int b) {
        int at = lastIndexOf(s, '@', a, b);
        return at > a && isHostname(s, at + 1, b);
    }

    /**
     * A lower-case dotted name followed by {@code :port} ({@code csdnimg.cn:443}), unless its last
     * label is a source file extension ({@code main.go:42}).
     */
    private static boolean isHostWithPort(char[] s, int a, int b, int lineTo) {
        if (b + 1 >= lineTo || s[b] != ':' || !isDigit(s[b + 1])) {
            return false;
        }
        int lastDot = lastIndexOf(s, '.', a, b);
        if (lastDot <= a || b - lastDot < 3 || (Words.kinds(s, lastDot + 1, b) & Words.SOURCE_EXTENSION) != 0) {
            return false;
        }
        for (int i = a; i < b; i++) {
            char c = s[i];
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.')) {
                return false;
            }
        }
        for (int i = lastDot + 1; i < b; i++) {
            if (isDigit(s[i])) {
                return false;
            }
        }
        return true;
    }

    private static boolean nextStartsWithDigit(char[] s, int i, int to) {
        while (i < to && (s[i] == ' ' || s[i] == ',')) {
            i++;
        }
        return i < to && isDigit(s[i]);
    }

    private static boolean nextIsMonth(char[] s, int i, int to) {
        while (i < to && (s[i] == ' ' || s[i] == ',')) {
            i++;
        }
        int end = i;
        while (end < to && Character.isLetter(s[end])) {
            end++;
        }
        return end > i && (Words.kinds(s, i, end) & Words.MONTH) != 0 && Words.isDateWord(s, i, end);
    }

    /**
     * The index of the quote closing the one at {@code open}, or -1: it must be followed by a
     * non-letter (so the apostrophe in {@code can't} does not close {@code 'x}); a backslash escapes.
     */
    private static int closingQuote(char[] s, int open, int to) {
        char q = s[open];
        int end = Math.min(to, open + MAX_QUOTED);
        for (int i = open + 1; i < end; i++) {
            char c = s[i];
            if (c == '\\') {
                i++;
            } else if (c == q && (i + 1 == to || !isLetterOrDigit(s[i + 1]))) {
                return i;
            }
        }
        return -1;
    }

    // ---------------------------------------------------------------- characters

    private static boolean isRunChar(char c) {
        return CLASSES[c] != 0;
    }

    private static boolean isLetterOrDigit(char c) {
        return c < 128 ? c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
            : Character.isLetterOrDigit(c);
    }

    private static boolean isTrailingJunk(char c) {
        return c == '.' || c == '-' || c == '@';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHex(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    private static char closer(char c) {
        return c == '(' ? ')' : c == '[' ? ']' : '}';
    }

    /** The index of the newline ending the line that starts at {@code from}, or {@code to}. */
    private static int lineEnd(char[] s, int from, int to, String text) {
        int i = text != null ? text.indexOf('\n', from) : indexOf(s, '\n', from, to);
        return i < 0 || i > to ? to : i;
    }

    static int indexOf(char[] s, char c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private static int lastIndexOf(char[] s, char c, int from, int to) {
        for (int i = to - 1; i >= from; i--) {
            if (s[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private static boolean startsWith(char[] s, int from, int to, String prefix) {
        int n = prefix.length();
        if (to - from < n) {
            return false;
        }
        for (int k = 0; k < n; k++) {
            if (s[from + k] != prefix.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static boolean contains(char[] s, int from, int to, String needle) {
        for (int i = from; i + needle.length() <= to; i++) {
            if (startsWith(s, i, to, needle)) {
                return true;
            }
        }
        return false;
    }

    private static int cutAt(char[] s, int from, int to, char c) {
        int i = indexOf(s, c, from, to);
        return i < 0 ? to : i;
    }

    private static int trimEnd(char[] s, int from, int to) {
        while (to > from && s[to - 1] <= ' ') {
            to--;
        }
        return to;
    }
}
