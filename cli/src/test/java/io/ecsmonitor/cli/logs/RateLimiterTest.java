package io.ecsmonitor.cli.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    @Test
    void shouldStartTheSixthCallOnlyAWindowAfterTheFirstAnswered() throws Exception {
        RateLimiter limiter = new RateLimiter(5, 300);
        List<long[]> calls = new ArrayList<>(); // start, end
        for (int i = 0; i < 12; i++) {
            long start;
            try (RateLimiter.Permit p = limiter.acquire()) {
                start = System.nanoTime();
            }
            calls.add(new long[] {start, System.nanoTime()});
        }
        for (int i = 0; i + 5 < calls.size(); i++) {
            long endOfFirst = calls.get(i)[1];
            long startOfSixth = calls.get(i + 5)[0];
            assertThat((startOfSixth - endOfFirst) / 1_000_000).as("call %d after call %d", i + 5, i).isGreaterThanOrEqualTo(299);
        }
        assertThat(limiter.waitedMs()).isGreaterThan(0);
    }

    @Test
    void shouldCountACallInFlightAgainstTheLimit() throws Exception {
        RateLimiter limiter = new RateLimiter(1, 200);
        RateLimiter.Permit held = limiter.acquire();
        Thread t = new Thread(() -> {
            try (RateLimiter.Permit p = limiter.acquire()) {
                // acquired only after the first permit is closed and a window has passed
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        t.start();
        t.join(300);
        assertThat(t.isAlive()).isTrue();
        long closed = System.nanoTime();
        held.close();
        t.join(5_000);
        assertThat(t.isAlive()).isFalse();
        assertThat((System.nanoTime() - closed) / 1_000_000).isGreaterThanOrEqualTo(199);
    }
}
