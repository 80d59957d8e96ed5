package io.ecsmonitor.cli.logs;

import io.ecsmonitor.classifier.ErrorClassifier;
import io.ecsmonitor.classifier.Verdict;
import io.ecsmonitor.classifier.stitch.StitchConfig;
import io.ecsmonitor.classifier.stitch.StitchedEvent;
import io.ecsmonitor.classifier.stitch.Stitcher;
import io.ecsmonitor.core.model.LogEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Stitches a service's events per log stream (a trace that CloudWatch stored one line per event
 * becomes one event again), then classifies each with the engine: noise, category, fingerprint, and
 * the HTTP status of access-log records.
 */
public final class LogAnalyzer {

    private final ErrorClassifier classifier;
    private final StitchConfig stitchConfig;

    public LogAnalyzer(ErrorClassifier classifier, StitchConfig stitchConfig) {
        this.classifier = classifier;
        this.stitchConfig = stitchConfig;
    }

    public LogAnalyzer() {
        this(new ErrorClassifier(), StitchConfig.DEFAULTS);
    }

    /**
     * The analysed events of {@code events} (one service's, in timestamp order), in timestamp order.
     */
    public List<AnalyzedEvent> analyze(List<LogEvent> events) {
        List<StitchedEvent<LogEvent>> stitched = new ArrayList<>();
        Stitcher<LogEvent> stitcher = new Stitcher<>(stitchConfig, stitched::add);
        for (LogEvent e : events) {
            stitcher.accept(e.logStream(), e.timestamp(), e.message(), e);
        }
        stitcher.flushAll();
        List<AnalyzedEvent> out = new ArrayList<>(stitched.size());
        for (StitchedEvent<LogEvent> s : stitched) {
            String message = s.message();
            Verdict v = classifier.classifyErrors(message);
            int status = v.noise() ? 0 : v.httpStatus();
            out.add(new AnalyzedEvent(s.attachment(), message, s.lineCount(), v.noise(), v.category(), v.fingerprint(), status));
        }
        out.sort(Comparator.comparing(AnalyzedEvent::first, CloudWatchLogReader.TIME_ORDER));
        return out;
    }
}
