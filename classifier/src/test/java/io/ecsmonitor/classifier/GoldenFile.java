package io.ecsmonitor.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Results recorded once and held by every later version: for a fixed list of inputs, a file holds, per
 * block of {@value #BLOCK} inputs, a digest of the inputs and a digest of the results. A block whose
 * results differ is printed input by input with today's results, so the input that moved can be found.
 *
 * <p>Written by the test itself with {@code -Decsmonitor.golden.write=true} (an intended change of the
 * rules rewrites the file in the same commit). When the inputs themselves changed (a new corpus or
 * Loghub file under {@code shared/}), the recorded digests say nothing about them and the test is skipped
 * with that reason: rewrite the file from a commit with the old rules, then apply the change.
 */
public final class GoldenFile {

    public static final String WRITE_PROPERTY = "ecsmonitor.golden.write";
    public static final int BLOCK = 64;

    private GoldenFile() {
    }

    /**
     * Checks the results against {@code file}, after writing it first when {@link #WRITE_PROPERTY} is set.
     *
     * @param what     what the results are, for the file's header and the failure message
     * @param key      the text of an input, for the digest of the inputs
     * @param result   the result of an input as a number (a hash, an ordinal)
     * @param describe an input and its result today, for a block that differs
     */
    public static <T> void check(Path file, String what, List<T> inputs, Function<T, String> key, ToLongFunction<T> result,
            Function<T, String> describe) throws IOException {
        List<String> current = blocks(inputs, key, result);
        if (Boolean.getBoolean(WRITE_PROPERTY)) {
            List<String> out = new ArrayList<>();
            out.add("# " + what + " of " + inputs.size() + " inputs, by blocks of " + BLOCK + ".");
            out.add("# Written by the test with -D" + WRITE_PROPERTY + "=true; see GoldenFile before rewriting it.");
            out.add("# block  digest-of-the-inputs  digest-of-their-results");
            out.addAll(current);
            Files.write(file, out, StandardCharsets.UTF_8);
        }
        List<String> golden = Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .filter(l -> !l.startsWith("#") && !l.isBlank()).toList();
        assumeTrue(golden.size() == current.size() && sameInputs(golden, current),
                "the inputs differ from those " + file + " was written for (shared/ changed?): rewrite it with -D"
                        + WRITE_PROPERTY + "=true from a commit with the old rules");
        List<String> differences = new ArrayList<>();
        for (int b = 0; b < golden.size(); b++) {
            if (!golden.get(b).equals(current.get(b))) {
                int from = b * BLOCK;
                int to = Math.min(inputs.size(), from + BLOCK);
                StringBuilder d = new StringBuilder("block " + b + " (inputs " + from + "–" + to + ") differs; today:");
                for (T input : inputs.subList(from, to)) {
                    d.append("\n  ").append(describe.apply(input).replace("\n", "\\n"));
                }
                differences.add(d.toString());
            }
        }
        assertThat(differences).as("blocks of %d inputs whose %s moved (of %d blocks)", BLOCK, what, golden.size()).isEmpty();
    }

    private static <T> List<String> blocks(List<T> inputs, Function<T, String> key, ToLongFunction<T> result) {
        List<String> out = new ArrayList<>();
        for (int start = 0; start < inputs.size(); start += BLOCK) {
            long in = 0xcbf29ce484222325L;
            long res = 0xcbf29ce484222325L;
            for (T input : inputs.subList(start, Math.min(inputs.size(), start + BLOCK))) {
                String k = key.apply(input);
                in = mix(in, k == null ? -1 : k.hashCode() * 31L + k.length());
                res = mix(res, result.applyAsLong(input));
            }
            out.add(start / BLOCK + " " + Long.toHexString(in) + " " + Long.toHexString(res));
        }
        return out;
    }

    private static long mix(long h, long v) {
        h ^= v;
        h *= 0x100000001b3L;
        return h ^ (h >>> 29);
    }

    private static boolean sameInputs(List<String> golden, List<String> current) {
        for (int b = 0; b < golden.size(); b++) {
            String[] g = golden.get(b).split(" ");
            String[] c = current.get(b).split(" ");
            if (!g[0].equals(c[0]) || !g[1].equals(c[1])) {
                return false;
            }
        }
        return true;
    }
}
