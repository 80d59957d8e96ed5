package io.ecsmonitor.classifier.engine;

import io.ecsmonitor.core.json.JsonEscape;
import java.util.Locale;
import java.util.Set;

/**
 * A JSON or logfmt log record, reduced to what classification needs: its own level, the text of
 * the fields that carry its message (rule 9: {@code msg}, {@code message}, {@code error}, {@code err},
 * {@code exc_info}, …; never the stack trace, timestamps, ids or callers), and, when it is a request
 * record, its method, path, status and user agent.
 *
 * <p>Parsing is a tolerant hand scan, not a full JSON parse: a record cut short by a size limit
 * keeps the fields read before the cut.
 */
public final class StructuredRecord {

    private static final Set<String> LEVEL_KEYS = Set.of("level", "lvl", "severity", "levelname", "@level",
            "loglevel", "log.level", "log_level", "level_name", "severitytext", "@l", "log-level");
    private static final Set<String> STATUS_KEYS = Set.of("status", "status_code", "statuscode", "http_status",
            "response_status", "response_code", "http.status_code", "http.response.status_code", "sc-status",
            "elb_status_code", "statuscodevalue", "http_status_code", "downstreamstatus", "originstatus");
    private static final Set<String> METHOD_KEYS = Set.of("method", "http_method", "request_method", "httpmethod",
            "verb", "http.method", "http.request.method", "cs-method", "requestmethod");
    private static final Set<String> PATH_KEYS = Set.of("path", "url", "uri", "request_uri", "requesturi",
            "request_path", "url.path", "http.target", "http.url", "cs-uri-stem", "requesturl", "request_url",
            "route", "url.original", "requestpath");
    private static final Set<String> AGENT_KEYS = Set.of("user_agent", "useragent", "agent", "http_user_agent",
            "user-agent", "http.user_agent", "user_agent.original", "ua", "http_useragent", "request_user-agent",
            "request_user_agent");
    /** Fields that never carry the event's message: judged by neither signal scanning nor rules. */
    private static final Set<String> CONTEXT_KEYS = Set.of("time", "timestamp", "@timestamp", "ts", "t", "date",
            "datetime", "asctime", "@t", "caller", "logger", "logger_name", "loggername", "name", "stacktrace",
            "stack", "stack_trace", "stacktrace_", "file", "filename", "func", "funcname", "function", "module",
            "@module", "lineno", "line", "host", "hostname", "pid", "thread", "threadname", "thread_name", "source",
            "request_id", "requestid", "@request_id", "x_request_id", "trace_id", "traceid", "span_id", "spanid",
            "id", "type", "@version", "version", "environment", "env", "container", "service", "taskname",
            "component", "remote_address", "remote_ip", "client_ip", "ip", "remote_port", "proto", "protocol",
            "http_version", "content_length", "response_time", "duration", "size", "bytes", "referer", "referrer",
            "event_source", "username", "page", "x_forwarded_for", "tofu", "ui", "@type", "category", "stream",
            "container_id", "container_name", "ecs_cluster", "ecs_task_arn", "ecs_task_definition", "partial_message",
            "partial_id", "partial_ordinal", "partial_last", "c", "ctx", "s", "$date", "logstream", "loggroup", "log_stream",
            "log_group", "requesthost", "requestaddr", "clientaddr", "clienthost", "routername", "servicename", "serviceurl",
            "entrypointname");

    private static final int LEVEL_KEY = 1;
    private static final int STATUS_KEY = 1 << 1;
    private static final int METHOD_KEY = 1 << 2;
    private static final int PATH_KEY = 1 << 3;
    private static final int AGENT_KEY = 1 << 4;
    private static final int CONTEXT_KEY = 1 << 5;
    /** {@code log}: the application's line that a FireLens/Docker record wraps. */
    private static final int LOG_KEY = 1 << 6;
    /** {@code s}: MongoDB's severity ({@code "s":"E"}) when its value is short. */
    private static final int S_KEY = 1 << 7;
    /** {@code request}: a whole request line ({@code "GET /x HTTP/1.1"}). */
    private static final int REQUEST_KEY = 1 << 8;
    /** The fields whose text makes a record one with a message (for a logfmt record). */
    private static final int MESSAGE_KEY = 1 << 9;
    /** Not a key: the value of an array element. */
    static final int NO_KEY = -1;
    /** The roles of each known key, so that a field costs one look-up, not one per role. */
    private static final java.util.Map<String, Integer> KEY_ROLES = new java.util.HashMap<>();

    static {
        addRole(LEVEL_KEYS, LEVEL_KEY);
        addRole(STATUS_KEYS, STATUS_KEY);
        addRole(METHOD_KEYS, METHOD_KEY);
        addRole(PATH_KEYS, PATH_KEY);
        addRole(AGENT_KEYS, AGENT_KEY);
        addRole(CONTEXT_KEYS, CONTEXT_KEY);
        addRole(Set.of("log"), LOG_KEY);
        addRole(Set.of("s"), S_KEY);
        addRole(Set.of("request"), REQUEST_KEY);
        addRole(Set.of("msg", "message", "@message", "error", "err"), MESSAGE_KEY);
    }

    private static void addRole(Set<String> keys, int role) {
        for (String k : keys) {
            KEY_ROLES.merge(k, role, (a, b) -> a | b);
        }
    }

    /** The roles of a key given as a string: folded to lower case as {@code toLowerCase(Locale.ROOT)} does. */
    static int roles(String key) {
        Integer known = KEY_ROLES.get(key.toLowerCase(Locale.ROOT));
        return known == null ? 0 : known;
    }

    /**
     * The known keys in an open-addressing table, by a hash of their characters: the roles of a key in
     * a record are found from its characters, without making a string of it and folding its case.
     */
    private static final int SLOTS = 1024;
    private static final String[] SLOT_KEYS = new String[SLOTS];
    private static final int[] SLOT_ROLES = new int[SLOTS];

    static {
        for (java.util.Map.Entry<String, Integer> e : KEY_ROLES.entrySet()) {
            String k = e.getKey();
            int slot = hash(k, 0, k.length()) & (SLOTS - 1);
            while (SLOT_KEYS[slot] != null) {
                slot = (slot + 1) & (SLOTS - 1);
            }
            SLOT_KEYS[slot] = k;
            SLOT_ROLES[slot] = e.getValue();
        }
    }

    /** A hash of {@code s[from, to)} folded to ASCII lower case; -1 when a character is beyond ASCII. */
    private static int hash(String s, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c >= 128) {
                return -1;
            }
            h = 31 * h + (c >= 'A' && c <= 'Z' ? c + 32 : c);
        }
        return h ^ (h >>> 10);
    }

    /** The roles of the key {@code s[from, to)}; the same as {@link #roles(String)} of that substring. */
    static int roles(String s, int from, int to) {
        int h = hash(s, from, to);
        if (h == -1 && hasNonAscii(s, from, to)) {
            return roles(s.substring(from, to)); // Unicode case folding: the Kelvin sign is a k
        }
        int n = to - from;
        for (int slot = h & (SLOTS - 1); SLOT_KEYS[slot] != null; slot = (slot + 1) & (SLOTS - 1)) {
            String k = SLOT_KEYS[slot];
            if (k.length() == n && s.regionMatches(true, from, k, 0, n)) {
                return SLOT_ROLES[slot];
            }
        }
        return 0;
    }

    private static boolean hasNonAscii(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) >= 128) {
                return true;
            }
        }
        return false;
    }

    private final Level level;
    private final String text;
    private final AccessRecord access;

    private final String embeddedLog;

    private StructuredRecord(Level level, String text, AccessRecord access, String embeddedLog) {
        this.level = level;
        this.text = text;
        this.access = access;
        this.embeddedLog = embeddedLog;
    }

    /**
     * The application's own log line when this record only wraps it (FireLens/Fluent Bit and Docker's
     * json-file: {@code {"log":"…","stream":"stderr",…}} with no level of its own); null otherwise.
     */
    public String embeddedLog() {
        return embeddedLog;
    }

    /** The record's own level, {@link Level#NONE} when it states none. */
    public Level level() {
        return level;
    }

    /** The message fields' text, joined by newlines; what signals are looked for in. */
    public String text() {
        return text;
    }

    /** The request this record describes, or null when it is no request record. */
    public AccessRecord access() {
        return access;
    }

    /** Parses {@code message} when it is a JSON object or array or a logfmt record; null otherwise. */
    public static StructuredRecord parse(String message, int lineEnd) {
        int i = 0;
        int n = message.length();
        while (i < n && Character.isWhitespace(message.charAt(i))) {
            i++;
        }
        if (i >= n) {
            return null;
        }
        char c = message.charAt(i);
        if (c == '{' || c == '[') {
            int j = i + 1;
            while (j < n && Character.isWhitespace(message.charAt(j))) {
                j++;
            }
            if (j < n && (message.charAt(j) == '"' || (c == '{' && message.charAt(j) == '}')
                    || (c == '[' && isArrayStart(message, j)))) {
                Builder b = new Builder();
                JsonScanner scanner = new JsonScanner(message, i, b);
                boolean complete = scanner.scan();
                if (c == '[' && !(complete && scanner.atEnd())) {
                    return null; // "[2020-12-18T02:30:55Z] debug …" is a bracketed prefix, not an array
                }
                return b.build();
            }
            return null;
        }
        StructuredRecord afterPrefix = jsonAfterPrefix(message, lineEnd);
        if (afterPrefix != null) {
            return afterPrefix;
        }
        if (looksLikeLogfmt(message, lineEnd)) {
            Builder b = new Builder();
            scanLogfmt(message, lineEnd, b);
            if (b.hasLevel || b.hasMessage) {
                if (lineEnd < n) {
                    b.addText(message.substring(lineEnd + 1));
                }
                return b.build();
            }
        }
        return null;
    }

    /** The longest prefix (timestamp, stream, {@code app[123]:}) before a JSON object on one line. */
    private static final int MAX_PREFIX = 100;

    /**
     * A JSON object after a short prefix, such as a timestamp or containerd's
     * {@code 2024-01-01T00:00:00Z stdout F {"level":"error",…}}: the object is the record, and a level
     * in the prefix counts when the object states none.
     */
    private static StructuredRecord jsonAfterPrefix(String message, int lineEnd) {
        int brace = -1; // the first {" of the first line, within the longest prefix
        int searchEnd = Math.min(lineEnd, MAX_PREFIX + 1);
        for (int i = message.indexOf('{'); i >= 0 && i < searchEnd; i = message.indexOf('{', i + 1)) {
            if (i + 1 < message.length() && message.charAt(i + 1) == '"') {
                brace = i;
                break;
            }
        }
        if (brace <= 0 || brace > MAX_PREFIX || brace >= lineEnd || message.charAt(brace - 1) != ' ') {
            return null;
        }
        int last = lineEnd - 1;
        while (last > brace && Character.isWhitespace(message.charAt(last))) {
            last--;
        }
        if (message.charAt(last) != '}' || !isPrefix(message, brace)) {
            return null; // words before the brace: a message that carries JSON, not a JSON record
        }
        Builder b = new Builder();
        JsonScanner scanner = new JsonScanner(message.substring(0, lineEnd), brace, b);
        if (!scanner.scan() || !scanner.atEnd()) {
            return null;
        }
        if (!b.hasLevel) {
            Level prefixLevel = LevelDetector.detect(message, brace);
            if (prefixLevel != Level.NONE) {
                b.level = prefixLevel;
                b.hasLevel = true;
            }
        }
        if (lineEnd < message.length()) {
            b.addText(message.substring(lineEnd + 1));
        }
        return b.build();
    }

    /** True when {@code s[0, end)} holds only prefix tokens: with digits, levels, stream names, {@code app[1]:}. */
    private static boolean isPrefix(String s, int end) {
        int i = 0;
        while (i < end) {
            while (i < end && s.charAt(i) == ' ') {
                i++;
            }
            int st = i;
            boolean digit = false;
            while (i < end && s.charAt(i) != ' ') {
                char c = s.charAt(i);
                if (c == '"') {
                    return false;
                }
                digit |= c >= '0' && c <= '9';
                i++;
            }
            if (i == st) {
                break;
            }
            boolean ok = digit || s.charAt(i - 1) == ':' || s.charAt(st) == '[' || Level.parse(s, st, i) != null
                    || s.startsWith("stdout", st) || s.startsWith("stderr", st) || i - st == 1
                    || LevelDetector.isCalendarWord(s, st, i) || nextTokenEndsWithColon(s, i, end); // syslog host
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean nextTokenEndsWithColon(String s, int i, int end) {
        while (i < end && s.charAt(i) == ' ') {
            i++;
        }
        int st = i;
        while (i < end && s.charAt(i) != ' ') {
            i++;
        }
        return i > st && s.charAt(i - 1) == ':';
    }

    private static boolean isArrayStart(String s, int j) {
        char c = s.charAt(j);
        return c == '{' || Character.isDigit(c) || c == '-';
    }

    /** The logfmt keys one of which a record has, at the line's start or after a blank. */
    private static final String[] LOGFMT_KEYS = {"level", "lvl", "msg", "severity"};

    /**
     * True when the first line has {@code level=}, {@code lvl=}, {@code msg=} or {@code severity=} at its
     * start or after a blank. Looks only at the line's {@code =} signs, so the rest of a long
     * multi-line event is not searched once per key.
     */
    private static boolean looksLikeLogfmt(String s, int lineEnd) {
        for (int eq = s.indexOf('='); eq >= 0 && eq < lineEnd; eq = s.indexOf('=', eq + 1)) {
            for (String key : LOGFMT_KEYS) {
                int start = eq - key.length();
                if (start >= 0 && s.startsWith(key, start)
                        && (start == 0 || s.charAt(start - 1) == ' ' || s.charAt(start - 1) == '\t')) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void scanLogfmt(String s, int end, Builder b) {
        int i = 0;
        while (i < end) {
            while (i < end && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
                i++;
            }
            int ks = i;
            while (i < end && isKeyChar(s.charAt(i))) {
                i++;
            }
            if (i < end && s.charAt(i) == '=' && i > ks) {
                int key = roles(s, ks, i);
                i++;
                String value;
                if (i < end && s.charAt(i) == '"') {
                    i++;
                    int close = i;
                    while (close < end && s.charAt(close) != '"' && s.charAt(close) != '\\') {
                        close++;
                    }
                    if (close == end || s.charAt(close) == '"') {
                        // no escape: the value is the text between the quotes
                        b.field(key, s.substring(i, close), false);
                        i = close + 1;
                        continue;
                    }
                    StringBuilder v = new StringBuilder(end - i);
                    while (i < end && s.charAt(i) != '"') {
                        char c = s.charAt(i);
                        if (c == '\\' && i + 1 < end) {
                            char e = s.charAt(++i);
                            v.append(e == 'n' ? '\n' : e == 't' ? '\t' : e);
                        } else {
                            v.append(c);
                        }
                        i++;
                    }
                    i++;
                    value = v.toString();
                } else {
                    int vs = i;
                    while (i < end && s.charAt(i) != ' ' && s.charAt(i) != '\t') {
                        i++;
                    }
                    value = s.substring(vs, i);
                }
                b.field(key, value, false);
            } else {
                // not a pair: a prefix such as a timestamp; skip the token
                while (i < end && s.charAt(i) != ' ' && s.charAt(i) != '\t') {
                    i++;
                }
            }
        }
    }

    private static boolean isKeyChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '@' || c == '-';
    }

    /** Collects fields into a record. */
    static final class Builder {
        Level level = Level.NONE;
        boolean hasLevel;
        boolean hasMessage;
        String method;
        String path;
        int status = -1;
        boolean healthChecker;
        String embeddedLog;
        private StringBuilder text;
        private String firstText;

        /** A field whose key has the {@code roles} ({@link StructuredRecord#roles(String, int, int)}). */
        void field(int roles, String value, boolean numeric) {
            if (value == null || value.isEmpty()) {
                return;
            }
            if ((roles & LOG_KEY) != 0 && !numeric && embeddedLog == null) {
                embeddedLog = value; // FireLens / Docker json-file: the application's own line
                return;
            }
            if ((roles & LEVEL_KEY) != 0 || ((roles & S_KEY) != 0 && value.length() <= 2)) { // MongoDB: "s":"E"
                Level l = numeric ? Level.fromNumber(parseLong(value)) : Level.parse(value, 0, value.length());
                if (l != null && !hasLevel) {
                    level = l;
                    hasLevel = true;
                }
                return;
            }
            if ((roles & AGENT_KEY) != 0) {
                healthChecker |= value.startsWith(AccessLogParser.HEALTH_CHECKER_AGENT);
                return;
            }
            if ((roles & STATUS_KEY) != 0) {
                long s = parseLong(value);
                if (s >= 100 && s <= 599 && status < 0) {
                    status = (int) s;
                    return;
                }
            }
            if ((roles & METHOD_KEY) != 0 && AccessLogParser.isMethod(value)) {
                method = value;
                return;
            }
            if ((roles & PATH_KEY) != 0 && (value.startsWith("/") || value.contains("://"))) {
                if (path == null) {
                    path = AccessLogParser.normalisePath(value);
                }
                return;
            }
            if ((roles & REQUEST_KEY) != 0 && method == null) {
                int sp = value.indexOf(' ');
                if (sp > 0 && AccessLogParser.isMethod(value.substring(0, sp))) {
                    method = value.substring(0, sp);
                    int sp2 = value.indexOf(' ', sp + 1);
                    path = AccessLogParser.normalisePath(sp2 > 0 ? value.substring(sp + 1, sp2) : value.substring(sp + 1));
                    return;
                }
            }
            if ((roles & CONTEXT_KEY) != 0 || numeric) {
                return;
            }
            if ((roles & MESSAGE_KEY) != 0) {
                hasMessage = true;
            }
            addText(value);
        }

        void arrayValue(String value) {
            if (value.startsWith(AccessLogParser.HEALTH_CHECKER_AGENT)) {
                healthChecker = true;
            } else if (method == null && AccessLogParser.isMethod(value)) {
                method = value;
            } else if (!hasLevel && isUpper(value)) {
                Level l = Level.parse(value, 0, value.length());
                if (l != null) {
                    level = l;
                    hasLevel = true;
                    return;
                }
                addText(value);
            } else {
                addText(value);
            }
        }

        void addText(String value) {
            if (firstText == null) {
                firstText = value;
            } else {
                if (text == null) {
                    text = new StringBuilder(firstText);
                }
                text.append('\n').append(value);
            }
        }

        StructuredRecord build() {
            AccessRecord access = null;
            if (healthChecker || (method != null && (status > 0 || path != null))) {
                access = new AccessRecord(method, path, status, healthChecker);
            }
            String t = text != null ? text.toString() : firstText != null ? firstText : "";
            return new StructuredRecord(level, t, access, hasLevel ? null : embeddedLog);
        }

        private static boolean isUpper(String v) {
            for (int i = 0; i < v.length(); i++) {
                char c = v.charAt(i);
                if (c < 'A' || c > 'Z') {
                    return false;
                }
            }
            return !v.isEmpty();
        }

        private static long parseLong(String v) {
            long r = 0;
            int i = 0;
            int n = v.length();
            if (n == 0 || n > 18) {
                return -1;
            }
            for (; i < n; i++) {
                char c = v.charAt(i);
                if (c == '.') {
                    break;
                }
                if (c < '0' || c > '9') {
                    return -1;
                }
                r = r * 10 + (c - '0');
            }
            return r;
        }
    }

    /**
     * Ends the scan of a text that is no complete JSON value. Such texts are common (a bracketed
     * timestamp, a record cut short), so the exception is preallocated and has no stack trace:
     * filling one in cost more than the scan.
     */
    private static final class Malformed extends RuntimeException {
        static final Malformed INSTANCE = new Malformed();

        private Malformed() {
            super("not a complete JSON value", null, false, false);
        }
    }

    /** A tolerant scanner over a JSON text that reports leaf values with the key they belong to. */
    static final class JsonScanner {
        private final String s;
        private final int n;
        private final Builder out;
        private int i;

        JsonScanner(String s, int start, Builder out) {
            this.s = s;
            this.n = s.length();
            this.i = start;
            this.out = out;
        }

        /** True when the whole value was read; false when the text ended or broke off early. */
        boolean scan() {
            try {
                value(NO_KEY, 0);
                return true;
            } catch (Malformed | IndexOutOfBoundsException | IllegalStateException | NumberFormatException e) {
                return false;
            }
        }

        /** The character at {@code k}; a text that ends before it is no complete JSON value. */
        private char at(int k) {
            if (k >= n) {
                throw Malformed.INSTANCE;
            }
            return s.charAt(k);
        }

        boolean atEnd() {
            ws();
            return i >= n;
        }

        private void ws() {
            while (i < n && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        /** A value, of the key with the {@code key} roles, or of an array ({@link #NO_KEY}). */
        private void value(int key, int depth) {
            ws();
            char c = at(i);
            if (c == '{') {
                if (depth > 32) {
                    throw Malformed.INSTANCE;
                }
                i++;
                ws();
                if (at(i) == '}') {
                    i++;
                    return;
                }
                while (true) {
                    ws();
                    if (at(i) != '"') {
                        throw Malformed.INSTANCE;
                    }
                    int k = keyRoles();
                    ws();
                    if (at(i) != ':') {
                        throw Malformed.INSTANCE;
                    }
                    i++;
                    value(k, depth + 1);
                    ws();
                    char d = at(i++);
                    if (d == '}') {
                        return;
                    }
                    if (d != ',') {
                        throw Malformed.INSTANCE;
                    }
                }
            } else if (c == '[') {
                i++;
                ws();
                if (at(i) == ']') {
                    i++;
                    return;
                }
                while (true) {
                    value(key, depth + 1);
                    ws();
                    char d = at(i++);
                    if (d == ']') {
                        return;
                    }
                    if (d != ',') {
                        throw Malformed.INSTANCE;
                    }
                }
            } else if (c == '"') {
                String v = string();
                if (key == NO_KEY) {
                    out.arrayValue(v);
                } else {
                    out.field(key, v, false);
                }
            } else {
                int st = i;
                while (i < n && ",}] \t\r\n".indexOf(s.charAt(i)) < 0) {
                    i++;
                }
                if (i == st) {
                    throw Malformed.INSTANCE;
                }
                String v = s.substring(st, i);
                if (key != NO_KEY && (Character.isDigit(v.charAt(0)) || v.charAt(0) == '-')) {
                    out.field(key, v, true);
                }
            }
        }

        /** Reads a key: its roles, from its characters unless it holds an escape. */
        private int keyRoles() {
            int st = i + 1;
            for (int j = st; j < n; j++) {
                char c = s.charAt(j);
                if (c == '"') {
                    i = j + 1;
                    return roles(s, st, j);
                }
                if (c == '\\') {
                    break;
                }
            }
            return roles(string());
        }

        private String string() {
            i++; // opening quote
            int st = i;
            while (i < n) {
                char c = s.charAt(i);
                if (c == '"') {
                    String v = s.substring(st, i);
                    i++;
                    return v;
                }
                if (c == '\\') {
                    return escapedString(st);
                }
                i++;
            }
            throw Malformed.INSTANCE;
        }

        private String escapedString(int st) {
            StringBuilder b = new StringBuilder(s.length() - st);
            b.append(s, st, i);
            while (i < n) {
                char c = s.charAt(i++);
                if (c == '"') {
                    return b.toString();
                }
                if (c == '\\') {
                    int next = JsonEscape.decode(s, i - 1, b);
                    if (next < 0) {
                        // tolerant: an unknown escape stands for its letter; a broken \\u ends the scan
                        char e = at(i);
                        if (e == 'u') {
                            throw Malformed.INSTANCE;
                        }
                        b.append(e);
                        next = i + 1;
                    }
                    i = next;
                } else {
                    b.append(c);
                }
            }
            throw Malformed.INSTANCE;
        }
    }
}
