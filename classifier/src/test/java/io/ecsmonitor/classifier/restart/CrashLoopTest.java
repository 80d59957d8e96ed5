package io.ecsmonitor.classifier.restart;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecsmonitor.core.model.Category;
import java.util.List;
import org.junit.jupiter.api.Test;

class CrashLoopTest {

    @Test
    void shouldTakeOnlyOomPanicAndFatalForCrashes() {
        assertThat(List.of(Category.values())).filteredOn(CrashLoop::isCrash)
                .containsExactly(Category.OOM, Category.PANIC, Category.FATAL);
        assertThat(CrashLoop.isCrash(null)).isFalse();
    }

    @Test
    void shouldCountOnlyTheRestartsInsideTheWindow() {
        long window = CrashLoop.DEFAULT_WINDOW_MS;
        List<Long> restarts = List.of(1_000L, 2_000L + window / 2);

        assertThat(CrashLoop.countRestart(restarts, 1_000L + window, window)).containsExactly(2_000L + window / 2, 1_000L + window);
        assertThat(CrashLoop.countRestart(restarts, 999L + window, window)).containsExactly(1_000L, 2_000L + window / 2, 999L + window);
        assertThat(CrashLoop.countRestart(List.of(), 5L, window)).containsExactly(5L);
    }
}
