package io.ecsmonitor.classifier.restart;

import io.ecsmonitor.core.model.Category;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules shared by every restart detector: which errors are crashes, and how restarts are counted
 * towards a crash loop ({@link #DEFAULT_THRESHOLD} restarts of one service within
 * {@link #DEFAULT_WINDOW_MS} by default).
 */
public final class CrashLoop {

    /** Restarts within the window that make a crash loop, unless configured otherwise. */
    public static final int DEFAULT_THRESHOLD = 3;
    /** The crash-loop window in minutes, unless configured otherwise. */
    public static final int DEFAULT_WINDOW_MINUTES = 15;
    /** The crash-loop window, milliseconds. */
    public static final long DEFAULT_WINDOW_MS = Duration.ofMinutes(DEFAULT_WINDOW_MINUTES).toMillis();

    private CrashLoop() {
    }

    /** True for the crash tier ({@code oom}, {@code panic}, {@code fatal}): a start-up banner after one is a restart. */
    public static boolean isCrash(Category category) {
        return category != null && category.precedence() <= Category.FATAL.precedence();
    }

    /**
     * The restart times still inside the window at {@code timestampMs}, ending with {@code timestampMs}:
     * {@code restarts} (oldest first) less those {@code windowMs} or more older, plus the new restart.
     * Its size is the new restart's count in the window.
     */
    public static List<Long> countRestart(List<Long> restarts, long timestampMs, long windowMs) {
        List<Long> l = new ArrayList<>(restarts.size() + 1);
        for (Long r : restarts) {
            if (timestampMs - r < windowMs) {
                l.add(r);
            }
        }
        l.add(timestampMs);
        return l;
    }
}
