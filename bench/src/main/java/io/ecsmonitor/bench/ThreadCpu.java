package io.ecsmonitor.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time of the JVM's threads between two moments, by role: which part of a run (stream thread, its
 * producer, the broker, the benchmark's own clients, and the rest of the process: JIT compilers, GC) used
 * the CPU. Threads that ended between the moments are not seen; the process total still includes them.
 */
final class ThreadCpu {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final Map<Long, Long> cpuByThread = new HashMap<>();
    private final Map<Long, String> names = new HashMap<>();
    private final long processNanos;
    private final long jitMillis;
    private final long gcMillis;
    private final long gcCount;

    private ThreadCpu() {
        for (ThreadInfo t : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (t != null) {
                long cpu = THREADS.getThreadCpuTime(t.getThreadId());
                if (cpu >= 0) {
                    cpuByThread.put(t.getThreadId(), cpu);
                    names.put(t.getThreadId(), t.getThreadName());
                }
            }
        }
        processNanos = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        jitMillis = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
        long ms = 0;
        long count = 0;
        for (java.lang.management.GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ms += Math.max(0, gc.getCollectionTime());
            count += Math.max(0, gc.getCollectionCount());
        }
        gcMillis = ms;
        gcCount = count;
    }

    static ThreadCpu now() {
        return new ThreadCpu();
    }

    /** The role a thread plays, from its name. */
    static String role(String name) {
        if (name.contains("-producer")) {
            return "stream thread's producer I/O";
        }
        if (name.contains("StreamThread")) {
            return "stream thread";
        }
        if (name.startsWith("data-plane-kafka-request-handler")) {
            return "broker request handlers";
        }
        if (name.startsWith("data-plane-kafka-network") || name.contains("socket-acceptor")) {
            return "broker network";
        }
        if (name.startsWith("kafka-") || name.contains("Txn") || name.contains("coordinator")
                || name.contains("quorum") || name.contains("controller") || name.startsWith("log-")) {
            return "broker other";
        }
        if (name.equals("main") || name.startsWith("kafka-admin-client") || name.startsWith("kafka-producer")
                || name.startsWith("kafka-coordinator")) {
            return "benchmark clients";
        }
        return "other threads";
    }

    /** Microseconds of CPU per event by role since {@code start}, largest first, with the process's rest. */
    static String perEvent(ThreadCpu start, ThreadCpu end, long events) {
        Map<String, Long> byRole = new TreeMap<>();
        long seen = 0;
        for (Map.Entry<Long, Long> e : end.cpuByThread.entrySet()) {
            long d = e.getValue() - start.cpuByThread.getOrDefault(e.getKey(), 0L);
            byRole.merge(role(end.names.get(e.getKey())), d, Long::sum);
            seen += d;
        }
        byRole.put("JIT, GC, VM (process − threads)", Math.max(0, end.processNanos - start.processNanos - seen));
        Map<String, Long> sorted = new LinkedHashMap<>();
        byRole.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        StringBuilder b = new StringBuilder();
        sorted.forEach((role, nanos) -> b.append(String.format(Locale.ROOT, "    %-34s %6.1f µs%n", role,
                nanos / 1e3 / events)));
        b.append(String.format(Locale.ROOT, "    (JIT compilers busy %d ms; %d collections, %d ms of GC time)%n",
                end.jitMillis - start.jitMillis, end.gcCount - start.gcCount, end.gcMillis - start.gcMillis));
        return b.toString();
    }
}
