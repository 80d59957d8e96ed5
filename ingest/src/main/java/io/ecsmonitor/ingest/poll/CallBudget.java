package io.ecsmonitor.ingest.poll;

/**
 * Paces calls to at most {@code perSecond}: a call starts {@code 1000 / perSecond} ms after the previous
 * one started and after it ended ({@link #done()}), so the service, which counts calls when they
 * arrive, never sees more than the budget in a sliding second even when one call is slow and the next
 * fast. Thread-safe.
 */
public final class CallBudget {

    private final long spacingNanos;
    private long nextAllowed;

    /** A budget of {@code perSecond} calls per second. */
    public CallBudget(double perSecond) {
        if (perSecond <= 0) {
            throw new IllegalArgumentException("calls per second must be positive, was " + perSecond);
        }
        // A nanosecond more than the exact spacing keeps a call exactly one second after another out of its window.
        this.spacingNanos = (long) Math.ceil(1_000_000_000L / perSecond) + 1_000_000;
        this.nextAllowed = System.nanoTime();
    }

    /** Waits until a call is allowed and takes it. */
    public void acquire() throws InterruptedException {
        long wait;
        synchronized (this) {
            long now = System.nanoTime();
            long at = Math.max(now, nextAllowed);
            nextAllowed = at + spacingNanos;
            wait = at - now;
        }
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }

    /** Marks the end of a call: the next starts no sooner than one spacing from now. */
    public synchronized void done() {
        nextAllowed = Math.max(nextAllowed, System.nanoTime() + spacingNanos);
    }

    /** Pushes the next call at least {@code millis} into the future (after a throttling answer). */
    public synchronized void pause(long millis) {
        nextAllowed = Math.max(nextAllowed, System.nanoTime() + millis * 1_000_000);
    }
}
