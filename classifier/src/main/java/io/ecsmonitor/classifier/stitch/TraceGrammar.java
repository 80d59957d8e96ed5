package io.ecsmonitor.classifier.stitch;

import static io.ecsmonitor.classifier.stitch.TracePhase.GO_PANIC;
import static io.ecsmonitor.classifier.stitch.TracePhase.GO_STACK;
import static io.ecsmonitor.classifier.stitch.TracePhase.LINE;
import static io.ecsmonitor.classifier.stitch.TracePhase.NODE_CARET;
import static io.ecsmonitor.classifier.stitch.TracePhase.NODE_LOCATION;
import static io.ecsmonitor.classifier.stitch.TracePhase.NODE_SOURCE;
import static io.ecsmonitor.classifier.stitch.TracePhase.PY_CHAINED;
import static io.ecsmonitor.classifier.stitch.TracePhase.PY_EXCEPTION;
import static io.ecsmonitor.classifier.stitch.TracePhase.PY_TRACEBACK;
import static io.ecsmonitor.classifier.stitch.TracePhase.RUST_PANIC;
import static io.ecsmonitor.classifier.stitch.TracePhase.TRACE;

import java.util.Locale;

/**
 * Which lines open a trace and which continue one, decided from a line's first characters. No regular
 * expressions: this runs once per log line. Lines given here are never blank (see {@link #isBlank}).
 */
final class TraceGrammar {

    /** Blank lines held inside a trace before the next line must show that the trace goes on. */
    static final int MAX_BRIDGED_BLANKS = 2;

    private static final String TRACEBACK = "Traceback (most recent call last):";

    private static final String[] LOW_LEVELS = {
        "info", "debug", "dbug", "trace", "trce", "notice", "fine", "finer", "finest", "verbose"};
    private static final String[] ERROR_WORDS = {
        "error", "exception", "fatal", "fail", "panic", "abort", "crit", "severe", "warn", "traceback",
        "uncaught", "unhandled", "crash", "fault"};
    private static final String[] ERROR_TOKENS = {"err", "eror", "alert", "emerg"};
    private static final String[] RECORD_LEVELS = {
        "INFO", "WARN", "WARNING", "ERROR", "DEBUG", "TRACE", "FATAL", "CRITICAL", "NOTICE", "SEVERE",
        "info:", "warn:", "fail:", "crit:", "dbug:", "trce:"};
    private static final String[] LOGFMT_KEYS = {"time=", "ts=", "t=", "level=", "lvl=", "msg="};

    private TraceGrammar() {
    }

    static boolean isBlank(String line) {
        for (int i = 0, n = line.length(); i < n; i++) {
            if (line.charAt(i) > ' ') {
                return false;
            }
        }
        return true;
    }

    /** The phase of a buffer that this line opens: {@link TracePhase#LINE} for an ordinary line. */
    static TracePhase openingPhase(String line) {
        switch (line.charAt(0)) {
            case 'T':
                if (line.startsWith(TRACEBACK)) {
                    return PY_TRACEBACK;
                }
                break;
            case 'p':
                if (line.startsWith("panic: ")) {
                    return GO_PANIC;
                }
                break;
            case 'f':
                if (line.startsWith("fatal error: ")) {
                    return GO_PANIC;
                }
                break;
            case 'g':
                if (isGoroutineHeader(line)) {
                    return GO_STACK;
                }
                break;
            case 'r':
                if (line.startsWith("runtime stack:")) {
                    return GO_STACK;
                }
                break;
            case 'S':
                if (isGoSignalLine(line)) {
                    return GO_PANIC;
                }
                break;
            case 't':
                if (line.startsWith("thread '") && line.contains("' panicked at ")) {
                    return line.endsWith(":") ? RUST_PANIC : TRACE;
                }
                break;
            default:
                break;
        }
        if (isExceptionLine(line)) {
            return TRACE;
        }
        if (isNodeLocation(line)) {
            return NODE_LOCATION;
        }
        return LINE;
    }

    /**
     * The phase after {@code line} when it continues a buffer in {@code phase}, or null when it does not.
     *
     * @param afterBlank the buffer ends in blank lines: only lines that bridge them continue it
     */
    static TracePhase continuation(TracePhase phase, boolean afterBlank, String line) {
        if (afterBlank) {
            return bridge(phase, line);
        }
        char c = line.charAt(0);
        if (c == ' ' || c == '\t') {
            if (isPaddedLevel(line)) {
                return null;
            }
            if (phase == NODE_SOURCE) {
                return isCaretLine(line) ? NODE_CARET : NODE_SOURCE;
            }
            return joined(phase);
        }
        TracePhase any = anyPhase(phase, c, line);
        if (any != null) {
            return any;
        }
        return switch (phase) {
            case TRACE -> isTraceLine(c, line) ? TRACE : null;
            case GO_PANIC -> goPanicLine(line);
            case GO_STACK -> isGoStackLine(c, line) ? GO_STACK : null;
            case PY_TRACEBACK -> isPythonExceptionLine(line) ? PY_EXCEPTION : null;
            case PY_EXCEPTION -> isPythonChainLine(line) ? PY_CHAINED : null;
            case PY_CHAINED -> line.startsWith(TRACEBACK) ? PY_TRACEBACK : null;
            case NODE_LOCATION -> isRecordStart(line) ? null : NODE_SOURCE;
            case NODE_CARET, RUST_PANIC -> isRecordStart(line) ? null : TRACE;
            case LINE, NODE_SOURCE -> null;
        };
    }

    /** Lines that continue a buffer in any phase; cheap first-character checks. */
    private static TracePhase anyPhase(TracePhase phase, char c, String line) {
        switch (c) {
            case '^':
            case '~':
                if (isCaretLine(line)) {
                    return phase == NODE_SOURCE ? NODE_CARET : joined(phase);
                }
                return null;
            case 'C':
                return line.startsWith("Caused by:") ? TRACE : null;
            case '<':
                if (isMarkup(line)) {
                    // Python 2 prints "<type 'exceptions.KeyError'>: …" as the final line.
                    return phase == PY_TRACEBACK ? PY_EXCEPTION : joined(phase);
                }
                return null;
            case '}':
                return joined(phase);
            case '[':
                if (line.startsWith("[signal ")) {
                    return phase == LINE ? GO_PANIC : phase;
                }
                return null;
            case 's':
                return line.startsWith("stack backtrace:") ? TRACE : null;
            case 'S':
                return line.startsWith("Stack trace:") ? TRACE : null;
            case 'n':
                return line.startsWith("note: ") && line.contains("RUST_BACKTRACE") ? joined(phase) : null;
            default:
                return null;
        }
    }

    /** The phase after an ordinary continuation line such as an indented frame. */
    private static TracePhase joined(TracePhase phase) {
        return switch (phase) {
            case LINE, NODE_CARET, RUST_PANIC -> TRACE;
            case NODE_LOCATION -> NODE_SOURCE;
            default -> phase;
        };
    }

    /** After blank lines: the lines that show the trace goes on (Go's next goroutine, Python's chain). */
    private static TracePhase bridge(TracePhase phase, String line) {
        return switch (phase) {
            case GO_PANIC, GO_STACK ->
                    isGoroutineHeader(line) || line.startsWith("runtime stack:") ? GO_STACK : null;
            case PY_EXCEPTION -> isPythonChainLine(line) ? PY_CHAINED : null;
            case PY_CHAINED -> line.startsWith(TRACEBACK) ? PY_TRACEBACK : null;
            case NODE_CARET -> line.charAt(0) > ' ' && !isRecordStart(line) ? TRACE : null;
            case TRACE -> line.startsWith("Node.js v") ? TRACE : null;
            default -> null;
        };
    }

    /** Unindented lines inside a Java, .NET, Ruby, PHP or V8 trace. */
    private static boolean isTraceLine(char c, String line) {
        switch (c) {
            case 'S':
                return line.startsWith("Suppressed: ");
            case 'W':
                return line.startsWith("Wrapped by: ");
            case '.':
                return line.startsWith("...");
            case '-':
                return line.startsWith("--- End of ") || line.startsWith("---> ");
            case '#':
                return line.length() > 1 && isDigit(line.charAt(1));
            case 'D':
                return line.startsWith("Did you mean?");
            case 'T':
                return line.startsWith("Tasks: TOP => ");
            case '(':
                return line.startsWith("(See full trace by running task with --trace)");
            default:
                if (isDigit(c)) {
                    return isNativeFrame(line);
                }
                return isRubyFrame(line);
        }
    }

    private static TracePhase goPanicLine(String line) {
        if (isGoroutineHeader(line) || line.startsWith("runtime stack:")) {
            return GO_STACK;
        }
        if (line.startsWith("PC=") || line.startsWith("fatal error: ") || isGoRegister(line)) {
            return GO_PANIC;
        }
        return null;
    }

    private static boolean isGoStackLine(char c, String line) {
        switch (c) {
            case 'g':
                return isGoroutineHeader(line) || isGoFrame(line);
            case 'c':
                return line.startsWith("created by ") || isGoFrame(line);
            case 'e':
                return line.startsWith("exit status ") || isGoFrame(line);
            case 'r':
                return line.startsWith("runtime stack:") || isGoFrame(line) || isGoRegister(line);
            case '.':
                return line.startsWith("...");
            default:
                return isGoFrame(line) || isGoRegister(line);
        }
    }

    private static boolean isGoroutineHeader(String line) {
        return line.startsWith("goroutine ") && line.length() > 10 && isDigit(line.charAt(10));
    }

    /** {@code SIGQUIT: quit}, {@code SIGSEGV: segmentation violation}: Go's header of a signal dump. */
    private static boolean isGoSignalLine(String line) {
        if (!line.startsWith("SIG")) {
            return false;
        }
        int i = 3;
        int n = line.length();
        while (i < n && line.charAt(i) >= 'A' && line.charAt(i) <= 'Z') {
            i++;
        }
        return i > 3 && i + 1 < n && line.charAt(i) == ':' && line.charAt(i + 1) == ' ';
    }

    /** {@code main.main()}, {@code net/http.(*conn).serve(0xc0001ad040, {0x1, 0x2})}: no space before '('. */
    private static boolean isGoFrame(String line) {
        char c = line.charAt(0);
        if (!isAsciiLetter(c) && c != '_' || line.charAt(line.length() - 1) != ')') {
            return false;
        }
        int paren = line.indexOf('(');
        if (paren <= 0) {
            return false;
        }
        int space = line.indexOf(' ');
        return space < 0 || space > paren;
    }

    /** {@code rax    0x0}: the register dump of a Go crash with GOTRACEBACK=crash. */
    private static boolean isGoRegister(String line) {
        int n = line.length();
        int i = 0;
        while (i < n && i < 7 && (isAsciiLower(line.charAt(i)) || isDigit(line.charAt(i)))) {
            i++;
        }
        if (i < 2 || i >= n || line.charAt(i) != ' ') {
            return false;
        }
        while (i < n && line.charAt(i) == ' ') {
            i++;
        }
        return line.startsWith("0x", i);
    }

    /** {@code /app/lib/x.rb:36:in `debug_log'} or Ruby 3.4's {@code x.rb:3:in 'Integer#/'}. */
    private static boolean isRubyFrame(String line) {
        int in = line.indexOf(":in ");
        if (in < 2 || in + 4 >= line.length()) {
            return false;
        }
        char quote = line.charAt(in + 4);
        if (quote != '`' && quote != '\'') {
            return false;
        }
        int i = in - 1;
        while (i > 0 && isDigit(line.charAt(i))) {
            i--;
        }
        return i < in - 1 && line.charAt(i) == ':';
    }

    /** V8's native frames: {@code 10: 00007FF61C10DD3B v8::internal::…} or {@code 10: 0xb09c10 node::Abort()}. */
    private static boolean isNativeFrame(String line) {
        int n = line.length();
        int i = 0;
        while (i < n && isDigit(line.charAt(i))) {
            i++;
        }
        return i > 0 && i + 2 < n && line.charAt(i) == ':' && line.charAt(i + 1) == ' '
                && isHexDigit(line.charAt(i + 2));
    }

    /**
     * The final line of a Python traceback: a dotted name followed by ':' or nothing
     * ({@code KeyError: 'id'}, {@code requests.exceptions.ReadTimeout: …}, {@code KeyboardInterrupt}). A
     * name without a lower-case letter is a log level ({@code ERROR:root:…}), not an exception.
     */
    private static boolean isPythonExceptionLine(String line) {
        char c = line.charAt(0);
        if (!isAsciiLetter(c) && c != '_') {
            return false;
        }
        boolean lower = false;
        int n = line.length();
        int i = 0;
        for (; i < n; i++) {
            c = line.charAt(i);
            if (isAsciiLower(c)) {
                lower = true;
            } else if (!isIdentifierPart(c) && c != '.') {
                break;
            }
        }
        return lower && (i == n || c == ':' && (i + 1 == n || line.charAt(i + 1) == ' '));
    }

    private static boolean isPythonChainLine(String line) {
        return line.startsWith("During handling of the above exception")
                || line.startsWith("The above exception was the direct cause");
    }

    /**
     * An exception line of Java, Node, .NET or Ruby: a dotted name whose last part ends in
     * {@code Exception}, {@code Error} or {@code Throwable}, then ':' or nothing
     * ({@code java.lang.IllegalStateException: boom}, {@code TypeError: x is not a function},
     * {@code Unhandled exception. System.InvalidOperationException: …}).
     */
    static boolean isExceptionLine(String line) {
        int n = line.length();
        int i = line.startsWith("Unhandled exception. ") ? 21 : 0;
        if (i >= n || !isAsciiLetter(line.charAt(i)) && line.charAt(i) != '_') {
            return false;
        }
        int part = i;
        for (; i < n; i++) {
            char c = line.charAt(i);
            if (c == '.' || c == '$') {
                part = i + 1;
            } else if (!isIdentifierPart(c)) {
                break;
            }
        }
        if (i < n && (line.charAt(i) != ':' || i + 1 < n && line.charAt(i + 1) != ' ')) {
            return false;
        }
        return endsWith(line, part, i, "Exception") || endsWith(line, part, i, "Error")
                || endsWith(line, part, i, "Throwable");
    }

    /** Node's {@code /app/index.js:12} or {@code node:internal/process/promises:279}. */
    private static boolean isNodeLocation(String line) {
        int n = line.length();
        if (!isDigit(line.charAt(n - 1))) {
            return false;
        }
        int i = n - 1;
        while (i > 0 && isDigit(line.charAt(i))) {
            i--;
        }
        if (line.charAt(i) != ':' || line.indexOf(' ') >= 0 || line.indexOf('\t') >= 0) {
            return false;
        }
        return line.startsWith("node:") || line.startsWith("file:")
                || line.startsWith(".js", i - 3) || line.startsWith(".ts", i - 3)
                || line.startsWith(".mjs", i - 4) || line.startsWith(".cjs", i - 4);
    }

    /** Only carets and tildes under a source line: Python 3.11+, Node, Python's SyntaxError. */
    private static boolean isCaretLine(String line) {
        boolean mark = false;
        for (int i = 0, n = line.length(); i < n; i++) {
            char c = line.charAt(i);
            if (c == '^' || c == '~') {
                mark = true;
            } else if (c != ' ' && c != '\t') {
                return false;
            }
        }
        return mark;
    }

    /** XML or HTML: {@code <ErrorResponse …>}, {@code </p>}, {@code <!DOCTYPE …>}; not syslog's {@code <134>}. */
    private static boolean isMarkup(String line) {
        if (line.length() < 2) {
            return false;
        }
        char c = line.charAt(1);
        return isAsciiLetter(c) || c == '/' || c == '!' || c == '?';
    }

    /** {@code " INFO …"}: a level right-aligned by a pattern such as {@code %5p}, not an indented frame. */
    private static boolean isPaddedLevel(String line) {
        return line.length() > 6 && line.charAt(1) != ' '
                && (line.startsWith(" INFO ") || line.startsWith(" WARN "));
    }

    /**
     * A line that starts a log record (a timestamp, an IP address, a JSON object, a level, a logfmt key),
     * which is never taken for a free-form part of a trace such as Node's source line.
     */
    private static boolean isRecordStart(String line) {
        char c = line.charAt(0);
        if (isDigit(c)) {
            return true;
        }
        int n = line.length();
        switch (c) {
            case '{':
                return n > 1 && line.charAt(1) == '"';
            case '[':
                return n > 1 && (isDigit(line.charAt(1)) || startsWithLevel(line, 1));
            case '<':
                return n > 1 && isDigit(line.charAt(1));
            default:
                break;
        }
        if (startsWithLevel(line, 0)) {
            return true;
        }
        for (String key : LOGFMT_KEYS) {
            if (line.startsWith(key)) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWithLevel(String line, int from) {
        for (String level : RECORD_LEVELS) {
            int end = from + level.length();
            if (line.startsWith(level, from) && (end == line.length() || !isAsciiLetter(line.charAt(end)))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a logger line may introduce the trace that follows it ({@code ERROR Request failed} before
     * {@code java.lang.IllegalStateException}, Django's {@code Internal Server Error: /x} before a
     * traceback). Its first level-like word decides: a low level (INFO, DEBUG, …) says no, so an exception
     * after an ordinary line is not hidden inside it; an error word says yes; failing both, a line ending
     * in ':' says yes. Runs once per trace, not per line.
     */
    static boolean invitesTrace(String line) {
        int n = line.length();
        int i = 0;
        while (i < n) {
            if (!isAsciiLetter(line.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < n && isAsciiLetter(line.charAt(i))) {
                i++;
            }
            String word = line.substring(start, i).toLowerCase(Locale.ROOT);
            if (isLowLevel(line, start, i, word)) {
                return false;
            }
            for (String error : ERROR_WORDS) {
                if (word.contains(error)) {
                    return true;
                }
            }
            for (String error : ERROR_TOKENS) {
                if (word.equals(error)) {
                    return true;
                }
            }
        }
        int end = n - 1;
        while (end >= 0 && line.charAt(end) <= ' ') {
            end--;
        }
        return end >= 0 && line.charAt(end) == ':';
    }

    /** INFO written as a level: in capitals, or after a quote, '=', '[', '|', a tab or at the start. */
    private static boolean isLowLevel(String line, int start, int end, String word) {
        boolean known = false;
        for (String level : LOW_LEVELS) {
            if (word.equals(level)) {
                known = true;
                break;
            }
        }
        if (!known) {
            return false;
        }
        if (isAsciiUpper(line.charAt(start)) && isAsciiUpper(line.charAt(end - 1))) {
            return true;
        }
        if (start == 0) {
            return true;
        }
        char before = line.charAt(start - 1);
        return before == '"' || before == '=' || before == '[' || before == '|' || before == '\t';
    }

    private static boolean endsWith(String s, int from, int to, String suffix) {
        int start = to - suffix.length();
        return start >= from && s.startsWith(suffix, start);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHexDigit(char c) {
        return isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    private static boolean isAsciiLower(char c) {
        return c >= 'a' && c <= 'z';
    }

    private static boolean isAsciiUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    private static boolean isAsciiLetter(char c) {
        return isAsciiLower(c) || isAsciiUpper(c);
    }

    private static boolean isIdentifierPart(char c) {
        return isAsciiLetter(c) || isDigit(c) || c == '_';
    }
}
