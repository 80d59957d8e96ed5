package io.ecsmonitor.bench;

import io.ecsmonitor.classifier.ErrorClassifier;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import io.ecsmonitor.classifier.fingerprint.Fingerprinter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Throughput of the classification engine on the dev corpus mix, one thread (a per-core figure).
 * Each invocation classifies every corpus message once, and {@link OperationsPerInvocation} makes
 * the score read as events per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ClassifierBenchmark {

    /** Lines in {@code shared/corpus/dev.jsonl}; the annotations need a constant. */
    static final int DEV_CORPUS_SIZE = 222;

    private final ErrorClassifier classifier = new ErrorClassifier();
    private String[] messages;

    @Setup
    public void loadCorpus() {
        Path file = DevCorpus.locate();
        List<String> loaded = DevCorpus.messages(file);
        if (loaded.size() != DEV_CORPUS_SIZE) {
            // a wrong count would silently scale every score
            throw new IllegalStateException(file + " holds " + loaded.size() + " messages, not " + DEV_CORPUS_SIZE
                    + "; update ClassifierBenchmark.DEV_CORPUS_SIZE to match the corpus");
        }
        messages = loaded.toArray(String[]::new);
    }

    /** The full verdict: noise, category and fingerprint. */
    @Benchmark
    @OperationsPerInvocation(DEV_CORPUS_SIZE)
    public void classify(Blackhole bh) {
        for (String m : messages) {
            bh.consume(classifier.classify(m));
        }
    }

    /** The category alone, without the fingerprint. */
    @Benchmark
    @OperationsPerInvocation(DEV_CORPUS_SIZE)
    public void category(Blackhole bh) {
        for (String m : messages) {
            bh.consume(classifier.category(m));
        }
    }

    /** The verdict as error statistics use it: the fingerprint only for error events. */
    @Benchmark
    @OperationsPerInvocation(DEV_CORPUS_SIZE)
    public void classifyErrors(Blackhole bh) {
        for (String m : messages) {
            bh.consume(classifier.classifyErrors(m));
        }
    }

    /** The template fingerprint alone. */
    @Benchmark
    @OperationsPerInvocation(DEV_CORPUS_SIZE)
    public void fingerprint(Blackhole bh) {
        for (String m : messages) {
            bh.consume(Fingerprinter.fingerprint64(m));
        }
    }
}
