package io.ecsmonitor.cli.logs;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Progress of a run on stderr, so that stdout carries only the result: which service is being read
 * and how many events so far, problems per service, and (with {@code --verbose}) every AWS call,
 * retry and wait.
 */
public final class Progress implements AwsCalls.Listener {

    private static final String PREFIX = "ecs-monitor logs: ";
    /** A long read reports its count at most this often. */
    private static final long EVERY_MS = 1_000;

    private final PrintWriter err;
    private final boolean verbose;
    /** The service the calling thread reads (services are read by several threads). */
    private final ThreadLocal<String> current = ThreadLocal.withInitial(() -> "");
    private final ThreadLocal<long[]> lastReport = ThreadLocal.withInitial(() -> new long[1]);

    public Progress(PrintWriter err, boolean verbose) {
        this.err = err;
        this.verbose = verbose;
    }

    /** True with {@code --verbose}. */
    public boolean verbose() {
        return verbose;
    }

    /** A service's read begins. */
    public synchronized void service(int index, int total, String service, String logGroup) {
        current.set((total > 1 ? "[" + index + "/" + total + "] " : "") + service);
        lastReport.get()[0] = System.currentTimeMillis();
        if (verbose) {
            line(current.get() + ": reading " + logGroup);
        }
    }

    /** A page was read. */
    public synchronized void page(int pages, long eventsSoFar) {
        long now = System.currentTimeMillis();
        if (verbose || now - lastReport.get()[0] >= EVERY_MS) {
            lastReport.get()[0] = now;
            line(current.get() + ": " + Plural.of(eventsSoFar, "event") + " so far (" + Plural.of(pages, "page") + ")");
        }
    }

    /** A service's read ended. */
    public synchronized void done(long events, long elapsedMs) {
        line(String.format(Locale.ROOT, "%s: %s (%.1f s)", current.get(), Plural.of(events, "event"), elapsedMs / 1000.0));
    }

    /** Something went wrong for one service; the run goes on. */
    public synchronized void problem(String service, String message) {
        line(service + ": " + message);
    }

    /** A plain note. */
    public synchronized void note(String message) {
        line(message);
    }

    /** A verbose-only note. */
    public synchronized void detail(String message) {
        if (verbose) {
            line(message);
        }
    }

    @Override
    public synchronized void calling(String action) {
        if (verbose) {
            line(current.get().isEmpty() ? "calling " + action : current.get() + ": calling " + action);
        }
    }

    @Override
    public synchronized void retrying(String action, int attempt, long backoffMs, String reason) {
        if (verbose) {
            line(String.format(Locale.ROOT, "%s%s: %s, attempt %d; retrying in %d ms", current.get().isEmpty() ? "" : current.get() + ": ",
                    action, reason, attempt, backoffMs));
        }
    }

    private void line(String text) {
        err.println(PREFIX + text);
        err.flush();
    }
}
