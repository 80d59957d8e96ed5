package io.ecsmonitor.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecsmonitor.core.model.Category;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The {@link Category} order is the precedence table of {@code shared/spec/classification.md}. */
class ContractPrecedenceTest {

    private static final Pattern ROW = Pattern.compile("^\\|\\s*(\\d+)\\s*\\|\\s*`([a-z0-9_]+)`\\s*\\|", Pattern.MULTILINE);

    @Test
    void shouldDeclareTheCategoriesInTheContractsPrecedenceOrder() throws IOException {
        String spec = Files.readString(SharedData.dir().resolve("spec/classification.md"));
        List<String> inContract = new ArrayList<>();
        Matcher m = ROW.matcher(spec);
        while (m.find()) {
            assertThat(Integer.parseInt(m.group(1))).isEqualTo(inContract.size() + 1);
            inContract.add(m.group(2));
        }

        assertThat(Arrays.stream(Category.values()).map(Category::wireName)).containsExactlyElementsOf(inContract);
        assertThat(Category.first(Category.TIMEOUT, Category.HTTP_5XX)).isEqualTo(Category.TIMEOUT);
        assertThat(Category.fromWireName("python_traceback")).contains(Category.PYTHON_TRACEBACK);
        assertThat(Category.fromWireName("warning")).isEmpty();
    }
}
