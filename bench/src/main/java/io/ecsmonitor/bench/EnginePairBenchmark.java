package io.ecsmonitor.bench;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Compares the classification engine of this build with the one in another benchmarks jar (a
 * harness, not JMH), for a machine that others share: both engines run in one JVM, each in its own
 * class loader, in alternating slices of a few hundred milliseconds, and each slice is timed in CPU
 * time of the benchmark thread. A load that comes and goes then hits both sides alike, and the median
 * ratio of neighbouring slices says which engine is faster even when the absolute rates move by
 * ±30 %. It also counts the corpus events on which the two engines' verdicts differ.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.ecsmonitor.bench.EnginePairBenchmark /tmp/before/benchmarks.jar [classify|category|classifyErrors|fingerprint]
 * </pre>
 *
 * System properties: {@code bench.slices} (default 30) and {@code bench.passes} (corpus passes per
 * slice, default 60).
 */
public final class EnginePairBenchmark {

    private static final String CLASSIFIER = "io.ecsmonitor.classifier.ErrorClassifier";
    private static final String FINGERPRINTER = "io.ecsmonitor.classifier.fingerprint.Fingerprinter";
    /** Keeps the results alive. */
    private static long sink;

    private EnginePairBenchmark() {
    }

    public static void main(String[] args) throws Throwable {
        if (args.length < 1 || !Files.isRegularFile(Path.of(args[0]))) {
            System.err.println("usage: EnginePairBenchmark <baseline benchmarks.jar> [classify|category|classifyErrors|fingerprint]");
            System.exit(2);
        }
        String mode = args.length > 1 ? args[1] : "classify";
        URL baselineJar = Path.of(args[0]).toUri().toURL();
        URL currentJar = EnginePairBenchmark.class.getProtectionDomain().getCodeSource().getLocation();
        ClassLoader parent = ClassLoader.getPlatformClassLoader();
        MethodHandle baseline = engine(new URLClassLoader(new URL[] {baselineJar}, parent), mode);
        MethodHandle current = engine(new URLClassLoader(new URL[] {currentJar}, parent), mode);

        List<String> corpus = DevCorpus.messages(DevCorpus.locate());
        String[] messages = corpus.toArray(String[]::new);
        int differing = 0;
        for (String m : messages) {
            if (!String.valueOf((Object) baseline.invokeExact(m)).equals(String.valueOf((Object) current.invokeExact(m)))) {
                differing++;
            }
        }

        int slices = Integer.getInteger("bench.slices", 30);
        int passes = Integer.getInteger("bench.passes", 60);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int w = 0; w < 300; w++) {
            run(baseline, messages);
            run(current, messages);
        }
        double[] base = new double[slices];
        double[] cur = new double[slices];
        double[] ratio = new double[slices];
        double events = (double) passes * messages.length;
        for (int s = 0; s < slices; s++) {
            long t0 = threads.getCurrentThreadCpuTime();
            for (int p = 0; p < passes; p++) {
                run(baseline, messages);
            }
            long t1 = threads.getCurrentThreadCpuTime();
            for (int p = 0; p < passes; p++) {
                run(current, messages);
            }
            long t2 = threads.getCurrentThreadCpuTime();
            base[s] = (t1 - t0) / events;
            cur[s] = (t2 - t1) / events;
            ratio[s] = cur[s] / base[s];
        }
        Arrays.sort(base);
        Arrays.sort(cur);
        Arrays.sort(ratio);
        System.out.printf("%s, %d events, %d slices of %d passes, load average %s%n", mode, messages.length, slices, passes,
                Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        System.out.printf("baseline: median %.0f ns CPU per event (%.0f events/s per core), fastest slice %.0f ns%n",
                base[slices / 2], 1e9 / base[slices / 2], base[0]);
        System.out.printf("current:  median %.0f ns CPU per event (%.0f events/s per core), fastest slice %.0f ns%n",
                cur[slices / 2], 1e9 / cur[slices / 2], cur[0]);
        System.out.printf("current / baseline time: median %.3f (quartiles %.3f–%.3f); verdicts differing on the corpus: %d%n",
                ratio[slices / 2], ratio[slices / 4], ratio[3 * slices / 4], differing);
    }

    /** The engine call of {@code mode} in that loader, as {@code (String) -> Object}. */
    private static MethodHandle engine(ClassLoader loader, String mode) throws ReflectiveOperationException {
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        MethodType generic = MethodType.methodType(Object.class, String.class);
        if (mode.equals("fingerprint")) {
            Class<?> f = loader.loadClass(FINGERPRINTER);
            return lookup.findStatic(f, "fingerprint64", MethodType.methodType(long.class, String.class)).asType(generic);
        }
        Class<?> c = loader.loadClass(CLASSIFIER);
        Object classifier = c.getConstructor().newInstance();
        Class<?> result = switch (mode) {
            case "classify", "classifyErrors" -> loader.loadClass("io.ecsmonitor.classifier.Verdict");
            case "category" -> loader.loadClass("io.ecsmonitor.core.model.Category");
            default -> throw new IllegalArgumentException("mode is classify, category, classifyErrors or fingerprint: " + mode);
        };
        return lookup.findVirtual(c, mode, MethodType.methodType(result, String.class)).bindTo(classifier).asType(generic);
    }

    private static void run(MethodHandle engine, String[] messages) throws Throwable {
        for (String m : messages) {
            Object verdict = engine.invokeExact(m);
            sink += verdict == null ? 0 : 1;
        }
    }
}
