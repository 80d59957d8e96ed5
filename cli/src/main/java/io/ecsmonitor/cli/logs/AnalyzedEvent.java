package io.ecsmonitor.cli.logs;

import io.ecsmonitor.classifier.redact.Redactor;
import io.ecsmonitor.core.model.Category;
import io.ecsmonitor.core.model.ClassifiedEvent;
import io.ecsmonitor.core.model.LogEvent;

/**
 * One event after stitching and classification: a single CloudWatch event, or a stack trace whose
 * lines CloudWatch stored one per event, joined back.
 *
 * @param first       the first CloudWatch event of it (its stream, task, id and time)
 * @param message     the whole (stitched) text, not redacted
 * @param lines       CloudWatch events joined into it
 * @param noise       health-check traffic
 * @param category    the error category, or null
 * @param fingerprint the template fingerprint of an error, or null
 * @param httpStatus  the status of an access-log record, or 0
 */
public record AnalyzedEvent(LogEvent first, String message, int lines, boolean noise, Category category,
                            String fingerprint, int httpStatus) {

    /** True when it reports an error. */
    public boolean isError() {
        return category != null;
    }

    /** Event time of its first line. */
    public long timestamp() {
        return first.timestamp();
    }

    /** The log stream. */
    public String logStream() {
        return first.logStream();
    }

    /** The task id of the stream, or the stream itself when it is not an awslogs stream name. */
    public String taskKey() {
        return first.taskId() != null ? first.taskId() : first.logStream();
    }

    /** The record for the output: the message redacted. */
    public ClassifiedEvent toClassified() {
        return new ClassifiedEvent(first.service(), first.cluster(), first.logGroup(), first.logStream(), first.taskId(),
                first.container(), first.eventId(), first.timestamp(), lines, category, fingerprint, httpStatus,
                Redactor.redact(message));
    }

    /** The first line, redacted and cut to {@code max} characters: a sample for a person. */
    public String sample(int max) {
        return sample(message, max);
    }

    /** The first line of {@code text}, redacted and cut to {@code max} characters. */
    public static String sample(String text, int max) {
        int nl = text.indexOf('\n');
        String line = nl < 0 ? text : text.substring(0, nl);
        if (line.length() > max * 4) {
            line = line.substring(0, max * 4);
        }
        line = Redactor.redact(line).replace('\t', ' ').strip();
        return line.length() > max ? line.substring(0, max) + "…" : line;
    }
}
