package io.ecsmonitor.classifier.stitch;

/**
 * Where a stream's open buffer stands in a trace: it decides which next lines continue it. Part of a
 * {@link StreamBuffer} so that a stored buffer resumes exactly where it stopped.
 */
public enum TracePhase {
    /** One line with no trace yet; a logger line that may introduce one. */
    LINE,
    /** An exception line or frames of Java, Node, .NET, Ruby, Rust, PHP or V8. */
    TRACE,
    /** A Go {@code panic:}, {@code fatal error:} or {@code SIGQUIT:} line, before the first goroutine. */
    GO_PANIC,
    /** A Go goroutine header, {@code runtime stack:}, or the frames under them. */
    GO_STACK,
    /** A Python {@code Traceback (most recent call last):} and its frames. */
    PY_TRACEBACK,
    /** The final exception line of a Python traceback. */
    PY_EXCEPTION,
    /** A Python chaining line ({@code During handling of the above exception…}). */
    PY_CHAINED,
    /** Node's {@code /app/x.js:12} line that opens an uncaught-exception report. */
    NODE_LOCATION,
    /** The source line after {@link #NODE_LOCATION}. */
    NODE_SOURCE,
    /** The caret line under Node's source line; the error line follows after a blank line. */
    NODE_CARET,
    /** Rust's {@code thread 'main' panicked at src/main.rs:2:5:}; the message follows on the next line. */
    RUST_PANIC;

    /** Whether blank lines may lie inside such a trace (held until the next line tells). */
    boolean bridgesBlankLines() {
        return switch (this) {
            case TRACE, GO_PANIC, GO_STACK, PY_EXCEPTION, PY_CHAINED, NODE_CARET -> true;
            default -> false;
        };
    }

    /** Whether a trace opened by such a line joins a preceding logger line that announces it. */
    boolean followsLoggerLine() {
        return switch (this) {
            case TRACE, GO_PANIC, GO_STACK, PY_TRACEBACK -> true;
            default -> false;
        };
    }
}
