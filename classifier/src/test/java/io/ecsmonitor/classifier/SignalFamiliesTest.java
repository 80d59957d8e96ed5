package io.ecsmonitor.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecsmonitor.core.model.Category;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One example per signal family of the contract across the languages, runtimes, servers and log
 * formats an ECS fleet runs ({@code signal-families.tsv}), none of them from the dev corpus.
 */
class SignalFamiliesTest {

    private static final ErrorClassifier CLASSIFIER = new ErrorClassifier();

    static Stream<Arguments> examples() throws IOException {
        List<Arguments> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                Objects.requireNonNull(SignalFamiliesTest.class.getResourceAsStream("/signal-families.tsv")),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int tab = line.indexOf('\t');
                out.add(Arguments.of(line.substring(0, tab), line.substring(tab + 1).replace("\\n", "\n").replace("\\t", "\t")));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "[{index}] {0}: {1}")
    @MethodSource("examples")
    void shouldClassifyEachSignalFamilyAsTheContractSays(String expected, String message) {
        Verdict v = CLASSIFIER.classify(message);
        String actual = v.noise() ? "noise" : v.category() == null ? "null" : v.category().wireName();
        assertThat(actual).as(message).isEqualTo(expected);
        if (!expected.equals("noise") && !expected.equals("null")) {
            assertThat(Category.fromWireName(expected)).contains(v.category());
        }
    }
}
