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

    /** Parses a level word in any case and common spelling; null when the word is no level. */
    public static Level parse(CharSequence s, int from, int to) {
        int n = to - from;
        if (n < 1 || n > 11) {
            return null;
        }
        char[] b = new char[n];
        for (int i = 0; i < n; i++) {
            char c = s.charAt(from + i);
            b[i] = c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
        }
        switch (new String(b)) {
            case "trace", "trc", "trce", "debug", "dbg", "dbug", "debu", "d", "i", "info", "inf", "information", "informational",
                    "notice", "note", "verbose", "verb", "silly", "log", "fine", "finer", "finest", "config":
                return LOW;
            case "warn", "warning", "wrn", "warnings", "w":
                return WARN;
            case "error", "err", "eror", "erro", "severe", "fail", "failure", "e":
                return ERROR;
            case "fatal", "critical", "crit", "crt", "emerg", "emergency", "alert", "ftl", "fata", "f":
                return CRITICAL;
            case "panic", "pnc", "pani":
                return PANIC;
            default:
                return null;
        }
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
