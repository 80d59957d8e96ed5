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
 * harness, not JMH), for a machine that others share. First it checks that both engines give the same
 * results (verdicts, or fingerprints) on some 50,000 lines, each engine in its own class loader, and
 * prints the first that differ. Then it measures both in turns: each turn runs one engine alone in a
 * fresh JVM (so the two share no JIT profile or compiled code) and reports the median CPU time per
 * event of the benchmark thread, which a busy machine inflates much less than wall time; the side that
 * goes first alternates. The median ratio of the turns says which engine is faster even when the
 * absolute figures move by ±30 %.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.ecsmonitor.bench.EnginePairBenchmark /tmp/before/benchmarks.jar [classify|category|classifyErrors|fingerprint|redact|banner]
 * </pre>
 *
 * {@code redact} times {@code Redactor.redact} and {@code banner} {@code StartupMarkers.isBanner} (the
 * streaming classifier's calls per stitched event), on the same lines.
 *
 * System property {@code bench.rounds}: turns per side (default 6, about 15 s each).
 */
public final class EnginePairBenchmark {

    private static final String CLASSIFIER = "io.ecsmonitor.classifier.ErrorClassifier";
    private static final String FINGERPRINTER = "io.ecsmonitor.classifier.fingerprint.Fingerprinter";
    private static final String REDACTOR = "io.ecsmonitor.classifier.redact.Redactor";
    private static final String STARTUP_MARKERS = "io.ecsmonitor.classifier.restart.StartupMarkers";
    /** Keeps the results alive. */
    private static long sink;

    private EnginePairBenchmark() {
    }

    public static void main(String[] args) throws Throwable {
        if (args.length < 1 || !Files.isRegularFile(Path.of(args[0]))) {
            System.err.println("usage: EnginePairBenchmark <baseline benchmarks.jar> [classify|category|classifyErrors|fingerprint|redact|banner]");
            System.exit(2);
        }
        String mode = args.length > 1 ? args[1] : "classify";
        URL baselineJar = Path.of(args[0]).toUri().toURL();
        URL currentJar = EnginePairBenchmark.class.getProtectionDomain().getCodeSource().getLocation();
        ClassLoader parent = ClassLoader.getPlatformClassLoader();
        MethodHandle baseline = engine(new URLClassLoader(new URL[] {baselineJar}, parent), mode);
        MethodHandle current = engine(new URLClassLoader(new URL[] {currentJar}, parent), mode);

        Path corpusFile = DevCorpus.locate();
        List<String> corpus = DevCorpus.messages(corpusFile);
        String[] messages = corpus.toArray(String[]::new);
        List<String> checked = linesToCompare(corpusFile, corpus);
        int differing = 0;
        for (String m : checked) {
            String before = String.valueOf((Object) baseline.invokeExact(m));
            String after = String.valueOf((Object) current.invokeExact(m));
            if (!before.equals(after) && differing++ < 10) {
                System.out.println("differs: " + before + " -> " + after + " :: " + m.replace("\n", "\\n"));
            }
        }

        int rounds = Integer.getInteger("bench.rounds", 6);
        String javaCommand = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String currentPath = Path.of(currentJar.toURI()).toString();
        String baselinePath = Path.of(args[0]).toAbsolutePath().toString();
        double[] base = new double[rounds];
        double[] cur = new double[rounds];
        double[] ratio = new double[rounds];
        String firstLoad = loadAverage();
        for (int r = 0; r < rounds; r++) {
            // alternate which side goes first, so that a load that grows or fades favours neither
            if (r % 2 == 0) {
                base[r] = child(javaCommand, currentPath, baselinePath, mode, corpusFile);
                cur[r] = child(javaCommand, currentPath, currentPath, mode, corpusFile);
            } else {
                cur[r] = child(javaCommand, currentPath, currentPath, mode, corpusFile);
                base[r] = child(javaCommand, currentPath, baselinePath, mode, corpusFile);
            }
            ratio[r] = cur[r] / base[r];
        }
        Arrays.sort(base);
        Arrays.sort(cur);
        Arrays.sort(ratio);
        System.out.printf("%s, %d events, %d rounds of one JVM per side, load average %s at the start, %s at the end%n", mode,
                messages.length, rounds, firstLoad, loadAverage());
        System.out.printf("baseline: median %.0f ns CPU per event (%.0f events/s per core), best %.0f ns%n",
                median(base), 1e9 / median(base), base[0]);
        System.out.printf("current:  median %.0f ns CPU per event (%.0f events/s per core), best %.0f ns%n",
                median(cur), 1e9 / median(cur), cur[0]);
        System.out.printf("current / baseline time: median %.3f (range %.3f–%.3f)%n", median(ratio), ratio[0], ratio[rounds - 1]);
        System.out.printf("results differing: %d of %d lines (corpus, signal families, Loghub 2k, and variants of them)%n",
                differing, checked.size());
    }

    /** The median of sorted values. */
    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /**
     * Runs {@link Child} of this jar in a fresh JVM on the engine of {@code engineJar} and returns its CPU
     * nanoseconds per event. (The child is always this jar's, so modes added since the baseline work.)
     */
    private static double child(String javaCommand, String classPath, String engineJar, String mode, Path corpus)
            throws Exception {
        Process p = new ProcessBuilder(javaCommand, "-D" + DevCorpus.CORPUS_PROPERTY + "=" + corpus.toAbsolutePath(), "-cp", classPath,
                Child.class.getName(), mode, engineJar)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("the measuring JVM failed: " + out);
        }
        return Double.parseDouble(out);
    }

    /**
     * One side's measurement in its own JVM, so that the two engines share no JIT profile or code: loads
     * the engine of the jar given (arguments: mode, jar) in a class loader of its own, warms up, then
     * prints the median CPU time per event of 15 slices of 60 corpus passes.
     */
    public static final class Child {
        private Child() {
        }

        public static void main(String[] args) throws Throwable {
            URL jar = Path.of(args[1]).toUri().toURL();
            MethodHandle engine = engine(new URLClassLoader(new URL[] {jar}, ClassLoader.getPlatformClassLoader()), args[0]);
            String[] messages = DevCorpus.messages(DevCorpus.locate()).toArray(String[]::new);
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            for (int w = 0; w < 600; w++) {
                run(engine, messages);
            }
            double[] slices = new double[15];
            int passes = 60;
            for (int s = 0; s < slices.length; s++) {
                long t0 = threads.getCurrentThreadCpuTime();
                for (int p = 0; p < passes; p++) {
                    run(engine, messages);
                }
                slices[s] = (threads.getCurrentThreadCpuTime() - t0) / ((double) passes * messages.length);
            }
            Arrays.sort(slices);
            System.out.println(median(slices));
        }
    }

    /**
     * The lines whose results both engines must agree on: the corpus, the classifier's signal-family
     * lines and the Loghub 2k files when they are found next to it, and 20,000 variants (two lines
     * joined by a newline or a blank, a slice of a corpus line, a corpus line in capitals).
     */
    private static List<String> linesToCompare(Path corpusFile, List<String> corpus) throws java.io.IOException {
        List<String> lines = new java.util.ArrayList<>(corpus);
        Path families = Path.of("classifier/src/test/resources/signal-families.tsv");
        if (Files.isRegularFile(families)) {
            for (String l : Files.readAllLines(families)) {
                if (!l.startsWith("#") && l.indexOf('\t') > 0) {
                    lines.add(l.substring(l.indexOf('\t') + 1).replace("\\n", "\n").replace("\\t", "\t"));
                }
            }
        }
        Path loghub = corpusFile.toAbsolutePath().getParent().resolveSibling("data").resolve("loghub-2k");
        if (Files.isDirectory(loghub)) {
            try (var files = Files.newDirectoryStream(loghub, "*.csv")) {
                for (Path f : files) {
                    lines.addAll(Files.readAllLines(f));
                }
            }
        }
        java.util.Random random = new java.util.Random(42);
        int base = lines.size();
        for (int k = 0; k < 20_000; k++) {
            String x = corpus.get(random.nextInt(corpus.size()));
            String y = lines.get(random.nextInt(base));
            switch (k % 4) {
                case 0 -> lines.add(x + "\n" + y);
                case 1 -> lines.add(y + " " + x);
                case 2 -> {
                    int from = random.nextInt(x.length());
                    lines.add(x.substring(from, from + random.nextInt(x.length() - from + 1)));
                }
                default -> lines.add(x.toUpperCase(java.util.Locale.ROOT));
            }
        }
        return lines;
    }

    /** The engine call of {@code mode} in that loader, as {@code (String) -> Object}. */
    private static MethodHandle engine(ClassLoader loader, String mode) throws ReflectiveOperationException {
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        MethodType generic = MethodType.methodType(Object.class, String.class);
        if (mode.equals("fingerprint")) {
            Class<?> f = loader.loadClass(FINGERPRINTER);
            return lookup.findStatic(f, "fingerprint64", MethodType.methodType(long.class, String.class)).asType(generic);
        }
        if (mode.equals("redact")) {
            Class<?> r = loader.loadClass(REDACTOR);
            return lookup.findStatic(r, "redact", MethodType.methodType(String.class, String.class)).asType(generic);
        }
        if (mode.equals("banner")) {
            Class<?> b = loader.loadClass(STARTUP_MARKERS);
            return lookup.findStatic(b, "isBanner", MethodType.methodType(boolean.class, String.class)).asType(generic);
        }
        Class<?> c = loader.loadClass(CLASSIFIER);
        Object classifier = c.getConstructor().newInstance();
        Class<?> result = switch (mode) {
            case "classify", "classifyErrors" -> loader.loadClass("io.ecsmonitor.classifier.Verdict");
            case "category" -> loader.loadClass("io.ecsmonitor.core.model.Category");
            default -> throw new IllegalArgumentException(
                    "mode is classify, category, classifyErrors, fingerprint, redact or banner: " + mode);
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
