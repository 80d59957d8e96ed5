package io.ecsmonitor.cli.logs;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongSupplier;

/**
 * A client-side limit of {@code permits} calls in any sliding window of {@code windowMs}, shared by
 * every AWS call of a run. CloudWatch Logs allows 5 FilterLogEvents requests per second per account
 * and region and that quota cannot be raised, so the limiter keeps a run under it instead of
 * provoking throttling.
 *
 * <p>A call holds its permit from {@link #acquire()} until {@link Permit#close()}, and its slot counts
 * from the moment it is closed (when the answer has arrived, so the request has certainly reached
 * AWS). A new call starts only when fewer than {@code permits} calls are in flight or were closed
 * within the last window: however the network delays a request, no window of the server's clock sees
 * more than {@code permits} of them. Thread-safe.
 */
public final class RateLimiter {

    /** FilterLogEvents' quota: 5 requests per second per account and region. */
    public static final int CLOUDWATCH_LOGS_PER_SECOND = 5;

    private final int permits;
    private final long windowMs;
    private final LongSupplier clock;
    private final Deque<Long> closed = new ArrayDeque<>();
    private int inFlight;
    private long waitedMs;

    /** {@code permits} calls per {@code windowMs} on the system clock. */
    public RateLimiter(int permits, long windowMs) {
        this(permits, windowMs, System::currentTimeMillis);
    }

    RateLimiter(int permits, long windowMs, LongSupplier clock) {
        if (permits < 1 || windowMs < 1) {
            throw new IllegalArgumentException("a rate limit needs at least 1 permit per window of at least 1 ms");
        }
        this.permits = permits;
        this.windowMs = windowMs;
        this.clock = clock;
    }

    /** The limit for CloudWatch Logs: 5 calls per second. */
    public static RateLimiter perSecond(int calls) {
        return new RateLimiter(calls, 1_000);
    }

    /** One call's permit: close it when the call's answer (or failure) has arrived. */
    public interface Permit extends AutoCloseable {
        @Override
        void close();
    }

    /** Waits until a call may start. */
    public Permit acquire() throws InterruptedException {
        synchronized (this) {
            while (true) {
                long now = clock.getAsLong();
                while (!closed.isEmpty() && closed.peekFirst() <= now - windowMs) {
                    closed.pollFirst();
                }
                if (inFlight + closed.size() < permits) {
                    inFlight++;
                    break;
                }
                long waitMs = closed.isEmpty() ? windowMs : closed.peekFirst() + windowMs - now + 1;
                waitedMs += waitMs;
                wait(Math.max(1, waitMs));
            }
        }
        boolean[] done = new boolean[1];
        return () -> {
            synchronized (RateLimiter.this) {
                if (!done[0]) {
                    done[0] = true;
                    inFlight--;
                    closed.addLast(clock.getAsLong());
                    RateLimiter.this.notifyAll();
                }
            }
        };
    }

    /** Total time calls waited for a permit, ms (an upper bound: a wait can end early). */
    public synchronized long waitedMs() {
        return waitedMs;
    }

    /** The calls allowed per window. */
    public int permits() {
        return permits;
    }
}
