package io.ecsmonitor.classifier.engine;

/**
 * Recognises plain-text HTTP access records: Common/Combined Log Format and its many descendants
 * (nginx, Apache, ingress-nginx, Tomcat, uvicorn, gunicorn), AWS ALB and classic ELB records,
 * HAProxy HTTP logs, uWSGI request logs, morgan-style {@code GET /path 200 1.2 ms}, and any record
 * that carries the load balancer's health-checker user agent (W3C/IIS, CSV, JSON arrays).
 *
 * <p>An error-log line that quotes a request ({@code request: "GET / HTTP/1.1"}, nginx) is not an
 * access record (rule 8).
 */
public final class AccessLogParser {

    /** The user agent of the ALB/ELB health checker. */
    public static final String HEALTH_CHECKER_AGENT = "ELB-HealthChecker/";

    private static final String[] METHODS = {"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "CONNECT", "TRACE"};
    private static final String[] METHODS_THEN_PATH = java.util.Arrays.stream(METHODS).map(m -> m + " /").toArray(String[]::new);

    private AccessLogParser() {
    }

    /** The access record in the line {@code text[0, lineEnd)}, or null when it is none. */
    public static AccessRecord parse(String text, int lineEnd) {
        String line = lineEnd == text.length() ? text : text.substring(0, lineEnd);
        // Every form below needs a '/' (HTTP/, " /", the agent's "ELB-HealthChecker/"), a '|' or a
        // leading "Started ": two character searches rule out most lines before five string searches.
        if (line.indexOf('/') < 0 && line.indexOf('|') < 0 && !line.startsWith("Started ")) {
            return null;
        }
        boolean healthChecker = line.contains(HEALTH_CHECKER_AGENT);

        int http = line.indexOf("HTTP/");
        if (http > 0) {
            AccessRecord quoted = parseQuotedRequest(line, healthChecker);
            if (quoted != null) {
                return quoted.method() == null ? null : quoted;
            }
        }
        if (http > 0 && line.indexOf("(HTTP/") > 0) {
            AccessRecord uwsgi = parseUwsgi(line, healthChecker);
            if (uwsgi != null) {
                return uwsgi;
            }
        }
        if (line.indexOf('|') >= 0) {
            AccessRecord piped = parsePiped(line, healthChecker);
            if (piped != null) {
                return piped;
            }
        }
        if (line.startsWith("Started ")) {
            AccessRecord rails = parseRailsStarted(line, healthChecker);
            if (rails != null) {
                return rails;
            }
        }
        if (line.indexOf(" /") >= 0) {
            AccessRecord bare = parseBareRequest(line, healthChecker);
            if (bare != null) {
                return bare;
            }
        }
        if (healthChecker) {
            String method = findMethodToken(line);
            if (method != null) {
                return new AccessRecord(method, null, -1, true);
            }
        }
        return null;
    }

    /**
     * {@code "GET /path HTTP/1.1" 200 …} (CLF and friends, status after the request) or
     * {@code … 0.000 0.001 0.000 503 503 … "GET http://host/path HTTP/1.1"} (ALB, ELB, HAProxy).
     * Returns a record with a null method to say "a quoted request that is no access record".
     */
    private static AccessRecord parseQuotedRequest(String line, boolean healthChecker) {
        int http = line.indexOf(" HTTP/");
        while (http > 0) {
            int close = line.indexOf('"', http);
            int open = line.lastIndexOf('"', http);
            if (open >= 0 && close > http && close - http <= 12) {
                int sp = line.indexOf(' ', open + 1);
                if (sp > open && sp < http) {
                    String method = line.substring(open + 1, sp);
                    if (isMethod(method)) {
                        String path = normalisePath(line.substring(sp + 1, http));
                        if (line.regionMatches(true, Math.max(0, open - 9), "request: ", 0, 9)
                                || line.regionMatches(true, Math.max(0, open - 8), "request:", 0, 8)) {
                            return new AccessRecord(null, null, -1, false);
                        }
                        int status = statusAfter(line, close + 1);
                        if (status == -2) {
                            status = statusBefore(line.substring(0, open));
                            if (status == -2) {
                                // A CLF record whose status is missing or garbled (%!d(<nil>)): still an access record.
                                boolean clf = line.lastIndexOf("] ", open) >= 0 || line.lastIndexOf(" - ", open) >= 0;
                                if (!clf) {
                                    return new AccessRecord(null, null, -1, false);
                                }
                                status = -1;
                            }
                        }
                        return new AccessRecord(method, path, status, healthChecker);
                    }
                }
            }
            http = line.indexOf(" HTTP/", http + 6);
        }
        return null;
    }

    /**
     * Gin, Fiber, Echo and friends: {@code [GIN] 2024/01/01 - 00:00:00 | 500 | 1.2ms | 10.0.0.1 | GET "/api/x"}
     * — columns between pipes, one a status, one a method (with the path after it or in the next column).
     */
    private static AccessRecord parsePiped(String line, boolean healthChecker) {
        String[] cols = line.split("\\|");
        if (cols.length < 4) {
            return null;
        }
        int status = -1;
        String method = null;
        String path = null;
        for (int c = 0; c < cols.length; c++) {
            String col = cols[c].strip();
            if (status < 0 && col.length() == 3 && isStatus(col, 0)) {
                status = Integer.parseInt(col);
                continue;
            }
            if (method == null) {
                int sp = col.indexOf(' ');
                String head = sp < 0 ? col : col.substring(0, sp);
                if (isMethod(head)) {
                    method = head;
                    String rest = sp < 0 ? (c + 1 < cols.length ? cols[c + 1].strip() : "") : col.substring(sp).strip();
                    if (rest.startsWith("\"")) {
                        rest = rest.substring(1, rest.indexOf('"', 1) > 0 ? rest.indexOf('"', 1) : rest.length());
                    }
                    int end = rest.indexOf(' ');
                    path = normalisePath(end < 0 ? rest : rest.substring(0, end));
                }
            }
        }
        return status > 0 && method != null ? new AccessRecord(method, path, status, healthChecker) : null;
    }

    /** Rails: {@code Started GET "/health" for 10.0.0.1 at 2024-01-01 00:00:00 +0000}. */
    private static AccessRecord parseRailsStarted(String line, boolean healthChecker) {
        int sp = line.indexOf(' ', 8);
        if (sp < 0 || !isMethod(line.substring(8, sp)) || !line.startsWith(" \"", sp)) {
            return null;
        }
        int close = line.indexOf('"', sp + 2);
        if (close < 0 || !line.startsWith(" for ", close + 1)) {
            return null;
        }
        return new AccessRecord(line.substring(8, sp), normalisePath(line.substring(sp + 2, close)), -1, healthChecker);
    }

    /** The status right after the request: a 3-digit number, or -1 for "-", or -2 for none. */
    private static int statusAfter(String line, int i) {
        int n = line.length();
        while (i < n && line.charAt(i) == ' ') {
            i++;
        }
        if (i + 3 <= n && isStatus(line, i) && (i + 3 == n || !Character.isLetterOrDigit(line.charAt(i + 3)))) {
            return Integer.parseInt(line, i, i + 3, 10);
        }
        return -2;
    }

    /**
     * The status of an ALB/ELB or HAProxy record, found before its quoted request: the last match, in
     * {@code prefix + " "}, of
     * <pre>(?:^|\s)(?:T\s+T\s+T|[-+]?\d+(?:/[-+]?\d+){3,})\s+([1-5]\d\d|-|0)\s+(?:[1-5]\d\d|-|\d+)\s</pre>
     * where {@code T} is a timing {@code -?\d+(?:\.\d+)?} (ALB: three timings, then elb_status and
     * target_status; HAProxy: Tq/Tw/Tc/Tr/Tt, then the status). Its value, or -1 for {@code -} and
     * {@code 0}; -2 when nothing matches.
     *
     * <p>A hand matcher of that expression (the regular expression took microseconds a record, trying
     * every position): every part of it has one way to match, so the first way found is the one the
     * expression's backtracking takes, and matches are searched for left to right without overlap, as
     * {@code Matcher.find} does.
     */
    static int statusBefore(String prefix) {
        StatusScan scan = new StatusScan(prefix);
        int status = -2;
        int p = 0;
        while (p <= prefix.length()) {
            int end = scan.matchAt(p);
            if (end < 0) {
                p++;
            } else {
                status = scan.status;
                p = end;
            }
        }
        return status;
    }

    /** One search of {@link #statusBefore}: the text is the prefix and one blank after it. */
    private static final class StatusScan {
        private final String s;
        private final int n; // the length of prefix + " "
        int status;

        StatusScan(String prefix) {
            this.s = prefix;
            this.n = prefix.length() + 1;
        }

        private char at(int i) {
            return i < n - 1 ? s.charAt(i) : i == n - 1 ? ' ' : '\0';
        }

        /** {@code \s} of {@code java.util.regex}: space, tab, newline, vertical tab, form feed, return. */
        private boolean space(int i) {
            char c = at(i);
            return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
        }

        private boolean digit(int i) {
            char c = at(i);
            return c >= '0' && c <= '9';
        }

        /** The end of the match that starts at {@code p}, or -1; sets {@link #status}. */
        int matchAt(int p) {
            if (p == 0) {
                int end = afterStart(0); // ^
                if (end >= 0) {
                    return end;
                }
            }
            return space(p) ? afterStart(p + 1) : -1;
        }

        private int afterStart(int i) {
            int timings = timing(i);
            if (timings >= 0) {
                timings = spaces(timings) > timings ? timing(spaces(timings)) : -1;
            }
            if (timings >= 0) {
                timings = spaces(timings) > timings ? timing(spaces(timings)) : -1;
            }
            int end = timings >= 0 ? statuses(timings) : -1;
            if (end >= 0) {
                return end;
            }
            int fields = slashedNumbers(i);
            return fields >= 0 ? statuses(fields) : -1;
        }

        /** {@code -?\d+(?:\.\d+)?}: its end, or -1. */
        private int timing(int i) {
            if (at(i) == '-') {
                i++;
            }
            int end = digits(i);
            if (end < 0) {
                return -1;
            }
            if (at(end) == '.' && digit(end + 1)) {
                end = digits(end + 1);
            }
            return end;
        }

        /** {@code [-+]?\d+(?:/[-+]?\d+){3,}}: its end, or -1. */
        private int slashedNumbers(int i) {
            int end = signedDigits(i);
            if (end < 0) {
                return -1;
            }
            int parts = 0;
            while (at(end) == '/') {
                int next = signedDigits(end + 1);
                if (next < 0) {
                    break;
                }
                end = next;
                parts++;
            }
            return parts >= 3 ? end : -1;
        }

        private int signedDigits(int i) {
            if (at(i) == '-' || at(i) == '+') {
                i++;
            }
            return digits(i);
        }

        /** {@code \d+}: its end, or -1. */
        private int digits(int i) {
            if (!digit(i)) {
                return -1;
            }
            while (digit(i)) {
                i++;
            }
            return i;
        }

        /** The end of the {@code \s+} run at {@code i} ({@code i} itself when there is none). */
        private int spaces(int i) {
            while (space(i)) {
                i++;
            }
            return i;
        }

        /** {@code \s+([1-5]\d\d|-|0)\s+(?:[1-5]\d\d|-|\d+)\s}: its end, or -1; sets {@link #status}. */
        private int statuses(int i) {
            int g = spaces(i);
            if (g == i) {
                return -1;
            }
            int afterStatus;
            int value;
            char c = at(g);
            if (c >= '1' && c <= '5' && digit(g + 1) && digit(g + 2) && space(g + 3)) {
                afterStatus = g + 3;
                value = (c - '0') * 100 + (at(g + 1) - '0') * 10 + (at(g + 2) - '0');
            } else if ((c == '-' || c == '0') && space(g + 1)) {
                afterStatus = g + 1;
                value = -1;
            } else {
                return -1;
            }
            int h = spaces(afterStatus);
            int last = at(h) == '-' ? h + 1 : digits(h);
            if (last < 0 || !space(last)) {
                return -1;
            }
            status = value;
            return last + 1;
        }
    }

    private static boolean isStatus(String s, int i) {
        char a = s.charAt(i);
        return a >= '1' && a <= '5' && Character.isDigit(s.charAt(i + 1)) && Character.isDigit(s.charAt(i + 2));
    }

    /** uWSGI: {@code GET / => generated 233 bytes in 1 msecs (HTTP/1.1 404)}. */
    private static AccessRecord parseUwsgi(String line, boolean healthChecker) {
        int p = line.indexOf("(HTTP/");
        int sp = line.indexOf(' ', p);
        if (sp < 0 || sp + 4 > line.length() || !isStatus(line, sp + 1) || line.indexOf(" => ") < 0) {
            return null;
        }
        String method = null;
        String path = null;
        int arrow = line.indexOf(" => ");
        int ps = line.lastIndexOf(' ', arrow - 1);
        int ms = line.lastIndexOf(' ', ps - 1);
        if (ps > 0 && ms >= -1) {
            String m = line.substring(ms + 1, ps);
            if (isMethod(m)) {
                method = m;
                path = normalisePath(line.substring(ps + 1, arrow));
            }
        }
        return new AccessRecord(method, path, Integer.parseInt(line, sp + 1, sp + 4, 10), healthChecker);
    }

    /**
     * {@code GET /path 200 3.1 ms - 12} (morgan dev) or {@code debug POST /upload (315 ms) 500}: a
     * method token, a path, and a status right after the path or at the end of the line.
     */
    private static AccessRecord parseBareRequest(String line, boolean healthChecker) {
        for (int k = 0; k < METHODS.length; k++) {
            String m = METHODS[k];
            int i = line.indexOf(METHODS_THEN_PATH[k]);
            while (i >= 0) {
                if (i == 0 || !Character.isLetterOrDigit(line.charAt(i - 1))) {
                    int ps = i + m.length() + 1;
                    int pe = ps;
                    while (pe < line.length() && line.charAt(pe) != ' ') {
                        pe++;
                    }
                    String path = normalisePath(line.substring(ps, pe));
                    int status = statusAfter(line, pe);
                    if (status < 0 || pe >= line.length()) {
                        status = statusAtEnd(line);
                    }
                    if (status >= 100) {
                        return new AccessRecord(m, path, status, healthChecker);
                    }
                    if (healthChecker) {
                        return new AccessRecord(m, path, -1, true);
                    }
                }
                i = line.indexOf(METHODS_THEN_PATH[k], i + 1);
            }
        }
        return null;
    }

    private static int statusAtEnd(String line) {
        int e = line.length();
        while (e > 0 && line.charAt(e - 1) == ' ') {
            e--;
        }
        int s = e - 3;
        if (s > 0 && line.charAt(s - 1) == ' ' && isStatus(line, s)) {
            return Integer.parseInt(line, s, e, 10);
        }
        return -1;
    }

    private static String findMethodToken(String line) {
        for (String m : METHODS) {
            int i = line.indexOf(m);
            while (i >= 0) {
                int e = i + m.length();
                if ((i == 0 || !Character.isLetterOrDigit(line.charAt(i - 1)))
                        && (e == line.length() || !Character.isLetterOrDigit(line.charAt(e)))) {
                    return m;
                }
                i = line.indexOf(m, i + 1);
            }
        }
        return null;
    }

    /** True for the request methods of HTTP/1.1. */
    public static boolean isMethod(String s) {
        for (String m : METHODS) {
            if (m.equals(s)) {
                return true;
            }
        }
        return false;
    }

    /** {@code https://host:443/health?x=1} → {@code /health}. */
    public static String normalisePath(String target) {
        if (target == null) {
            return null;
        }
        String p = target;
        int scheme = p.indexOf("://");
        if (scheme > 0 && scheme < 8) {
            int slash = p.indexOf('/', scheme + 3);
            p = slash < 0 ? "/" : p.substring(slash);
        }
        int q = p.indexOf('?');
        if (q >= 0) {
            p = p.substring(0, q);
        }
        int h = p.indexOf('#');
        if (h >= 0) {
            p = p.substring(0, h);
        }
        return p;
    }
}
