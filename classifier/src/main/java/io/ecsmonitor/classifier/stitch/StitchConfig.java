package io.ecsmonitor.classifier.stitch;

/**
 * Limits of the {@link Stitcher}.
 *
 * @param quietMs  a trace is closed when its stream has been quiet this long: between two lines of the
 *                 stream (event time) or, through {@link Stitcher#flushIdle(long)}, up to the caller's
 *                 clock. At least 1; default {@value #QUIET_MS_DEFAULT}.
 * @param maxLines most lines (input events) joined into one event; the next line starts a new event that
 *                 continues the trace. At least 2; default {@value #MAX_LINES_DEFAULT}.
 * @param maxBytes most UTF-8 bytes of one joined message, separators included; the line that would
 *                 cross it starts a new event that continues the trace. A single line longer than this
 *                 is passed on whole, never split. At least 1024; default {@value #MAX_BYTES_DEFAULT}.
 */
public record StitchConfig(long quietMs, int maxLines, int maxBytes) {

    public static final long QUIET_MS_DEFAULT = 2_000;
    public static final int MAX_LINES_DEFAULT = 500;
    public static final int MAX_BYTES_DEFAULT = 256 * 1024;

    /** Two seconds of quiet, 500 lines, 256 KiB. */
    public static final StitchConfig DEFAULTS =
            new StitchConfig(QUIET_MS_DEFAULT, MAX_LINES_DEFAULT, MAX_BYTES_DEFAULT);

    public StitchConfig {
        if (quietMs < 1) {
            throw new IllegalArgumentException("quietMs must be at least 1 ms, was " + quietMs
                    + "; the default is " + QUIET_MS_DEFAULT);
        }
        if (maxLines < 2) {
            throw new IllegalArgumentException("maxLines must be at least 2, was " + maxLines
                    + "; the default is " + MAX_LINES_DEFAULT);
        }
        if (maxBytes < 1024) {
            throw new IllegalArgumentException("maxBytes must be at least 1024, was " + maxBytes
                    + "; the default is " + MAX_BYTES_DEFAULT);
        }
    }
}
