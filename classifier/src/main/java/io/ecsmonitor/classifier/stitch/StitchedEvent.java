package io.ecsmonitor.classifier.stitch;

/**
 * One event out of the {@link Stitcher}: a single input line passed on unchanged, or a trace whose
 * lines were joined with {@code \n}.
 *
 * @param streamKey   the log stream the lines came from
 * @param timestampMs the timestamp of the first line
 * @param message     the line, or the joined lines
 * @param lineCount   how many input lines the message holds (1 for a line passed on alone)
 * @param attachment  what the caller passed with the first line, or null
 * @param truncated   the trace reached {@link StitchConfig#maxLines()} or {@link StitchConfig#maxBytes()}
 *                    here and goes on in the stream's next event
 * @param continued   this event goes on with a trace whose previous event was {@code truncated}
 * @param <A>         the type of the attachment
 */
public record StitchedEvent<A>(
        String streamKey,
        long timestampMs,
        String message,
        int lineCount,
        A attachment,
        boolean truncated,
        boolean continued) {

    /** True when lines were joined into this event. */
    public boolean isStitched() {
        return lineCount > 1;
    }
}
