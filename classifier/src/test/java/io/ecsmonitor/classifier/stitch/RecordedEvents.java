package io.ecsmonitor.classifier.stitch;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Collects what a stitcher emits. */
final class RecordedEvents implements Consumer<StitchedEvent<String>> {

    final List<StitchedEvent<String>> events = new ArrayList<>();

    @Override
    public void accept(StitchedEvent<String> event) {
        events.add(event);
    }

    List<String> messages() {
        return events.stream().map(StitchedEvent::message).toList();
    }

    List<String> messages(String streamKey) {
        return events.stream().filter(e -> e.streamKey().equals(streamKey)).map(StitchedEvent::message).toList();
    }

    int lineCount() {
        return events.stream().mapToInt(StitchedEvent::lineCount).sum();
    }

    /** Feeds each line of {@code text} as its own event, one millisecond apart. */
    static void feed(Stitcher<String> stitcher, String streamKey, long firstTimestampMs, String text) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            stitcher.accept(streamKey, firstTimestampMs + i, lines[i]);
        }
    }
}
