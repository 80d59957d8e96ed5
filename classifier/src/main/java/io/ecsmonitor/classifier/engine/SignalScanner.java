package io.ecsmonitor.classifier.engine;

import io.ecsmonitor.core.model.Category;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the error signals of the classification contract in a text, in one pass: each keyword hit
 * of a {@link KeywordAutomaton} is checked by a cheap local test (word boundaries, exact case, the
 * "mentions are not errors" rule) and, when it holds, sets its category's bit in the result mask.
 * Bit {@code 1 << category.ordinal()}.
 */
public final class SignalScanner {

    /** How a keyword hit is confirmed. */
    private enum Check {
        /** Any occurrence. */
        ANY,
        /** A whole word: no letter, digit or underscore on either side. */
        WORD,
        /** Starts a word; may run on (e.g. {@code ECONNREFUSED}, {@code oom-killer}). */
        WORD_START,
        /** A whole word in exactly the keyword's case. */
        WORD_EXACT_CASE,
        /** A word reporting an error, not a mention: not {@code errors=0}, {@code 0 errors}, {@code error.log}. */
        REPORT_WORD,
        /** {@code timeout} anywhere (SocketTimeoutException, Client.Timeout) but not a setting (timeout=30s). */
        TIMEOUT_WORD,
        /** The end of a CamelCase type name: {@code TypeError}, {@code NullReferenceException}. */
        TYPE_NAME_SUFFIX,
        /** Followed, within a few characters, by a 5xx status: {@code status code 503}, {@code HTTP 502}. */
        FOLLOWED_BY_5XX,
        /** Preceded by a 5xx status: {@code 504 Server Error}. */
        PRECEDED_BY_5XX,
        /** {@code exit code N} / {@code exit status N} with N non-zero. */
        NONZERO_EXIT,
        /** A stack frame line: {@code at x.y(File.java:1)}, {@code at fn (file.js:1:2)}. */
        FRAME_AT,
        /** A Python frame: {@code File "x.py", line 12}. */
        PYTHON_FRAME,
        /** {@code Uncaught} followed by an error name. */
        UNCAUGHT,
        /** {@code refused} shortly after {@code connect}: {@code Connection to db:5432 refused}. */
        CONNECTION_REFUSED
    }

    private record Keyword(String text, Category category, Check check) {
    }

    private static final List<Keyword> KEYWORDS = new ArrayList<>();

    private static void add(Category c, Check check, String... texts) {
        for (String t : texts) {
            KEYWORDS.add(new Keyword(t, c, check));
        }
    }

    static {
        // 1. oom
        add(Category.OOM, Check.ANY, "outofmemory", "out of memory", "cannot allocate memory",
                "oom-kill", "oom_kill", "oomkill", "oom killer", "java heap space", "gc overhead limit exceeded",
                "std::bad_alloc", "memory allocation failed", "failed to allocate memory",
                "killed due to memory", "memory limit exceeded", "allocation failed - javascript heap");
        add(Category.OOM, Check.WORD_START, "enomem", "memoryerror");
        // 2. panic
        add(Category.PANIC, Check.WORD_START, "panic:", "panicked at", "panic serving", "kernel panic");
        // 3. fatal
        add(Category.FATAL, Check.WORD_START, "fatal error", "fatal exception", "fatal python error",
                "fatal signal", "sigsegv", "segmentation fault", "core dumped", "sigabrt", "sigbus",
                "terminate called after throwing", "unrecoverable error", "segfault at");
        add(Category.FATAL, Check.WORD_EXACT_CASE, "Aborted");
        // 4. timeout
        add(Category.TIMEOUT, Check.ANY, "timed out", "deadline exceeded", "deadline reached", "etimedout",
                "i/o timeout", "time-out", "timed-out");
        add(Category.TIMEOUT, Check.TIMEOUT_WORD, "timeout");
        add(Category.TIMEOUT, Check.ANY, "deadlineexceeded", "deadline_exceeded");
        add(Category.TIMEOUT, Check.WORD, "time out");
        // 5. connection_error
        add(Category.CONNECTION_ERROR, Check.ANY, "connection refused", "connection reset", "broken pipe",
                "no route to host", "network is unreachable", "host is unreachable", "connectexception",
                "connectionerror", "connectionrefused", "connectionreset", "connectionaborted", "connection aborted",
                "no such host", "name or service not known", "unknownhostexception", "name resolution",
                "could not resolve host", "nodename nor servname", "could not connect", "couldn't connect",
                "unable to connect", "failed to connect", "cannot connect", "can't connect", "socket hang up",
                "server closed the connection unexpectedly", "connection closed by peer",
                "connection was forcibly closed", "connect failed:", "getaddrinfo", "could not be established",
                "communications link failure", "noroutetohost", "connectionnotestablished", "cannotconnect",
                "lost connection", "server has gone away", "upstream connect error", "connection failure",
                "prematurely closed", "no live upstreams", "failed to establish a new connection",
                "while establishing a connection", "not possible to connect", "connectionexception");
        add(Category.CONNECTION_ERROR, Check.CONNECTION_REFUSED, " refused");
        add(Category.CONNECTION_ERROR, Check.WORD_START, "econnrefused", "econnreset", "epipe", "ehostunreach",
                "enetunreach", "enotfound", "eai_again", "econnaborted");
        // 6. auth_error
        add(Category.AUTH_ERROR, Check.WORD_START, "unauthorized", "unauthorised", "forbidden", "access denied",
                "accessdenied", "permission denied", "not authorized", "not authorised", "invalid token",
                "token expired", "token has expired", "token is expired", "expiredtoken", "authentication failed",
                "authentication failure", "authentication error", "auth failed", "invalid credentials",
                "bad credentials", "signaturedoesnotmatch", "invalidclienttokenid", "unrecognizedclient",
                "login failed", "eacces", "invalid api key", "invalid password", "incorrect password",
                "wrong password", "jwt expired", "authenticationexception", "authorizationexception",
                "operation not permitted", "authorization failed", "not permitted to perform",
                "security token included in the request is", "pg_hba.conf entry", "unable to load credentials",
                "unable to locate credentials", "nocredentials", "could not load credentials", "signature expired",
                "expiredjwt", "code = unauthenticated", "code = permissiondenied", "invalid_grant", "invalid_client",
                "permission_denied", "unauthenticated", "failed password", "failed publickey", "auth fail",
                "invalid user", "maximum authentication attempts");
        // 7. http_5xx
        add(Category.HTTP_5XX, Check.WORD_START, "internal server error", "bad gateway", "service unavailable");
        add(Category.HTTP_5XX, Check.FOLLOWED_BY_5XX, "status", "http", "code", "returned", "response",
                "status_code", "statuscode", "http_status", "responded with");
        add(Category.HTTP_5XX, Check.PRECEDED_BY_5XX, "server error");
        // 8. python_traceback
        add(Category.PYTHON_TRACEBACK, Check.ANY, "traceback (most recent call last)");
        add(Category.PYTHON_TRACEBACK, Check.PYTHON_FRAME, "file \"");
        // 9. exception
        add(Category.EXCEPTION, Check.ANY, "exception in thread", "caused by:", "unhandledpromiserejection",
                "unhandled exception", "unhandled rejection", ":in `");
        add(Category.EXCEPTION, Check.TYPE_NAME_SUFFIX, "error", "exception");
        add(Category.EXCEPTION, Check.REPORT_WORD, "exception");
        add(Category.EXCEPTION, Check.FRAME_AT, "at ");
        add(Category.EXCEPTION, Check.UNCAUGHT, "uncaught ");
        // 11. error
        add(Category.ERROR, Check.REPORT_WORD, "error", "errors", "failed", "failure", "fail", "failing");
        add(Category.ERROR, Check.NONZERO_EXIT, "exit code", "exit status", "exited with code", "exit_code");
        add(Category.ERROR, Check.WORD_START, "x509:", "no healthy upstream");
        add(Category.ERROR, Check.ANY, "exited abnormally", "terminated abnormally", "abnormal termination",
                "exited unexpectedly", "died unexpectedly");
        add(Category.ERROR, Check.ANY, "essential container in task exited", "exited with non-zero", "exited with a non-zero", "returned non-zero",
                "returned a non-zero");
    }

    /** Nouns after "error"/"exception" that make the pair a name: "error handler", "error rate". */
    private static final String[] NAMING_NOUNS = {"handler", "handlers", "handling", "page", "pages", "reporting",
        "budget", "rate", "rates", "tracking", "threshold", "thresholds", "metrics", "counter"};

    private static final Keyword[] TABLE = KEYWORDS.toArray(new Keyword[0]);
    private static final KeywordAutomaton AUTOMATON =
            new KeywordAutomaton(KEYWORDS.stream().map(Keyword::text).toList());

    private SignalScanner() {
    }

    /** The keywords of the automaton, by index (for tests). */
    static List<String> keywords() {
        return KEYWORDS.stream().map(Keyword::text).toList();
    }

    private static final int ALL = (1 << Category.values().length) - 1;
    private static final int[] ORDINALS = KEYWORDS.stream().mapToInt(k -> k.category.ordinal()).toArray();

    /** The categories signalled anywhere in {@code text}, as a bit mask. */
    public static int scan(String text) {
        return scan(text, ALL);
    }

    /**
     * The most important category signalled in {@code text} among the {@code relevant} ones (a bit
     * mask), as the lowest bit of the result. The higher bits are categories found on the way to it;
     * the automaton reports hits in no fixed order, so which ones they are is not defined. Hits of
     * categories that cannot matter any more (irrelevant, or below one already confirmed) are not
     * checked, and the scan stops once nothing can outrank what it found.
     */
    public static int scan(String text, int relevant) {
        if (relevant == 0) {
            return 0;
        }
        Collector c = new Collector(text, 0, text.length(), relevant);
        AUTOMATON.scan(text, c);
        return c.mask;
    }

    private static final class Collector implements KeywordAutomaton.HitHandler {
        private final String text;
        private final int from;
        private final int to;
        private final int relevant;
        private final int stopAt;
        private int best = Integer.MAX_VALUE;
        int mask;

        Collector(String text, int from, int to, int relevant) {
            this.text = text;
            this.from = from;
            this.to = to;
            this.relevant = relevant;
            this.stopAt = Integer.numberOfTrailingZeros(relevant);
        }

        @Override
        public boolean hit(int keyword, int end) {
            int ordinal = ORDINALS[keyword];
            if (ordinal >= best || (relevant & (1 << ordinal)) == 0) {
                return false;
            }
            Keyword k = TABLE[keyword];
            int start = end - k.text.length();
            if (confirmed(k, start, end)) {
                mask |= 1 << ordinal;
                best = ordinal;
                return ordinal <= stopAt;
            }
            return false;
        }

        private boolean confirmed(Keyword k, int start, int end) {
            switch (k.check) {
                case ANY:
                    return true;
                case WORD:
                    return !identAt(start - 1) && !identAt(end);
                case WORD_START:
                    return !identAt(start - 1);
                case WORD_EXACT_CASE:
                    return !identAt(start - 1) && !identAt(end) && text.startsWith(k.text, start);
                case REPORT_WORD:
                    return !identAt(start - 1) && !identAt(end) && !isMention(start, end);
                case TIMEOUT_WORD:
                    return isTimeoutReport(start, end);
                case TYPE_NAME_SUFFIX:
                    return isTypeNameSuffix(start, end);
                case FOLLOWED_BY_5XX:
                    return !identAt(start - 1) && !identAt(end) && followedBy5xx(end);
                case PRECEDED_BY_5XX:
                    return precededBy5xx(start);
                case NONZERO_EXIT:
                    return !identAt(start - 1) && nonZeroNumberAfter(end);
                case FRAME_AT:
                    return isFrameAt(start, end);
                case PYTHON_FRAME:
                    return isPythonFrame(end);
                case CONNECTION_REFUSED:
                    return !identAt(end) && connectBefore(start);
                case UNCAUGHT:
                    return !identAt(start - 1) && end < to && Character.isUpperCase(text.charAt(end));
                default:
                    throw new AssertionError(k.check);
            }
        }

        private char at(int i) {
            return i >= from && i < to ? text.charAt(i) : '\0';
        }

        private boolean identAt(int i) {
            char c = at(i);
            return c == '_' || (c < 128 ? Character.isLetterOrDigit(c) && c != '\0' : Character.isLetterOrDigit(c));
        }

        private int skipSpaces(int i) {
            while (i < to && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
                i++;
            }
            return i;
        }

        /** {@code errors=0}, {@code error_count: 0}, {@code 0 errors}, {@code no errors}, {@code error.log}. */
        private boolean isMention(int start, int end) {
            // a name, not a report: com.foo.exception.Handler, /api/errors, errors.go, pkg/errors
            char before = at(start - 1);
            if (before == '.' || before == '/' || (at(end) == '.' && Character.isLetter(at(end + 1)))
                    || (at(end) == 's' && at(end + 1) == '.' && Character.isLetter(at(end + 2)))) {
                return true;
            }
            int i = end;
            if (at(i) == 's' || at(i) == 'S') {
                i++;
            }
            if (text.regionMatches(true, i, ".log", 0, 4) || text.regionMatches(true, i, "_count", 0, 6)) {
                return true;
            }
            int j = skipSpaces(i);
            // "failed 0", "errors 0": a count of none
            if (j > i && at(j) == '0' && !Character.isDigit(at(j + 1)) && at(j + 1) != '.') {
                return true;
            }
            // "error handler", "exception handling", "error rate", "error budget": names, not reports
            if (j == i + 1 && at(i) == ' ') {
                for (String noun : NAMING_NOUNS) {
                    if (text.regionMatches(true, j, noun, 0, noun.length()) && !identAt(j + noun.length())) {
                        return true;
                    }
                }
            }
            if (at(j) == '=' || at(j) == ':') {
                j = skipSpaces(j + 1);
                if (at(j) == '"' || at(j) == '\'') {
                    j++;
                }
                if (at(j) == '0' && !Character.isDigit(at(j + 1)) && at(j + 1) != '.') {
                    return true;
                }
                if (text.regionMatches(true, j, "none", 0, 4) || text.regionMatches(true, j, "null", 0, 4)
                        || text.regionMatches(true, j, "nil", 0, 3) || text.regionMatches(true, j, "false", 0, 5)) {
                    return true;
                }
            }
            return precededByWord(start, "no") || precededByWord(start, "0") || precededByWord(start, "zero")
                    || precededByWord(start, "without") || precededByWord(start, "non");
        }

        private boolean precededByWord(int start, String word) {
            int i = start - 1;
            if (at(i) != ' ' && at(i) != '-') {
                return false;
            }
            int ws = i - word.length();
            return ws >= from && text.regionMatches(true, ws, word, 0, word.length()) && !identAt(ws - 1);
        }

        private boolean isTimeoutReport(int start, int end) {
            // a setting or identifier: timeout=30s, timeout: 5, read_timeout, timeout_ms, timeouts=0
            if (at(start - 1) == '_' || at(end) == '_' || at(start - 1) == '-' && at(start - 2) == '-') {
                return false;
            }
            int i = end;
            if (at(i) == 's' || at(i) == 'S') {
                i++;
            }
            int j = skipSpaces(i);
            if (at(j) == '=' || (at(j) == ':' && Character.isDigit(at(skipSpaces(j + 1))))) {
                return false;
            }
            if (at(j) == ':' || at(j) == '=') {
                int k = skipSpaces(j + 1);
                if (Character.isDigit(at(k))) {
                    return false;
                }
            }
            if (Character.isDigit(at(j)) && j > i) {
                return false; // "timeout 30s" in a settings dump
            }
            return !precededByWord(start, "no") && !precededByWord(start, "0");
        }

        private boolean isTypeNameSuffix(int start, int end) {
            char first = text.charAt(start);
            if (first != 'E' || !Character.isLowerCase(text.charAt(start + 1))) {
                return false;
            }
            char before = at(start - 1);
            if (!(Character.isLetterOrDigit(before) && before != '\0')) {
                return false;
            }
            char after = at(end);
            return !(Character.isLetterOrDigit(after) || after == '_');
        }

        private boolean followedBy5xx(int end) {
            int i = end;
            int limit = Math.min(to, end + 16);
            // HTTP/1.1 503
            if (at(i) == '/') {
                while (i < limit && text.charAt(i) != ' ') {
                    i++;
                }
            }
            while (i < limit) {
                char c = text.charAt(i);
                if (c == ' ' || c == ':' || c == '=' || c == '"' || c == '\'' || c == '(' || c == '\t') {
                    i++;
                } else if (text.regionMatches(true, i, "code", 0, 4) && !identAt(i + 4)) {
                    i += 4;
                } else if (text.regionMatches(true, i, "of", 0, 2) && !identAt(i + 2)) {
                    i += 2;
                } else if ((c == 'E' || c == 'e') && Character.isDigit(at(i + 1)) && !identAt(i - 1)) {
                    i++;
                } else {
                    break;
                }
            }
            return i > end && is5xx(i);
        }

        private boolean is5xx(int i) {
            return at(i) == '5' && Character.isDigit(at(i + 1)) && Character.isDigit(at(i + 2))
                    && !identAt(i + 3) && !identAt(i - 1) && at(i - 1) != '.' && at(i + 3) != '.';
        }

        private boolean precededBy5xx(int start) {
            int i = start - 1;
            if (at(i) != ' ') {
                return false;
            }
            return is5xx(i - 3);
        }

        private boolean nonZeroNumberAfter(int end) {
            int i = end;
            while (i < to && (text.charAt(i) == ' ' || text.charAt(i) == ':' || text.charAt(i) == '=')) {
                i++;
            }
            if (at(i) == '-') {
                i++;
            }
            return Character.isDigit(at(i)) && (at(i) != '0' || Character.isDigit(at(i + 1)));
        }

        /** {@code at} opens a frame line: only white space before it on its line, and a call shape after. */
        private boolean isFrameAt(int start, int end) {
            int i = start - 1;
            boolean indented = false;
            while (i >= from && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
                indented = true;
                i--;
            }
            if (!indented || (i >= from && text.charAt(i) != '\n')) {
                return false;
            }
            int lineEnd = text.indexOf('\n', end);
            if (lineEnd < 0 || lineEnd > to) {
                lineEnd = to;
            }
            int paren = text.indexOf('(', end);
            return paren > end && paren < lineEnd && identAt(end);
        }

        private boolean connectBefore(int start) {
            int from0 = Math.max(from, start - 60);
            for (int i = start - 7; i >= from0; i--) {
                if (text.regionMatches(true, i, "connect", 0, 7)) {
                    return true;
                }
            }
            return false;
        }

        private boolean isPythonFrame(int end) {
            int quote = text.indexOf('"', end);
            if (quote < 0 || quote >= to) {
                return false;
            }
            return text.startsWith("\", line ", quote);
        }
    }
}
