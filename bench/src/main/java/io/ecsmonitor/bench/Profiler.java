package io.ecsmonitor.bench;

/**
 * Optional CPU profiling of a benchmark's timed phase with async-profiler, when the run sets
 * {@code -Dbench.profile=<output file>} and puts async-profiler's jar on the class path (its Maven
 * artifact {@code tools.profiler:async-profiler} carries the native library; {@code -Dbench.profile.lib}
 * names an extracted {@code libasyncProfiler.so} otherwise). The output is in collapsed-stack format, one
 * stack per line with the thread's name first. Reflection keeps the profiler out of the build.
 */
final class Profiler {

    private static final String OUTPUT = System.getProperty("bench.profile");
    private static final String LIBRARY = System.getProperty("bench.profile.lib");

    private Profiler() {
    }

    /** Starts profiling when asked to; a no-op otherwise. */
    static void start() {
        execute("start,event=cpu,interval=1ms,threads");
    }

    /** Stops profiling and writes the profile, when asked to. */
    static void stop() {
        execute("stop,file=" + OUTPUT + ",collapsed");
    }

    private static void execute(String command) {
        if (OUTPUT == null) {
            return;
        }
        try {
            Class<?> c = Class.forName("one.profiler.AsyncProfiler");
            Object profiler = LIBRARY == null ? c.getMethod("getInstance").invoke(null)
                    : c.getMethod("getInstance", String.class).invoke(null, LIBRARY);
            c.getMethod("execute", String.class).invoke(profiler, command);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("bench.profile needs async-profiler on the class path: " + e, e);
        }
    }
}
