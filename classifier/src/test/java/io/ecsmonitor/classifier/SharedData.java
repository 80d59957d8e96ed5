package io.ecsmonitor.classifier;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the project's {@code shared/} folder: the {@code ecsmonitor.shared.dir} property, else beside an ancestor. */
public final class SharedData {

    private SharedData() {
    }

    /** The {@code shared/} folder. */
    public static Path dir() {
        String prop = System.getProperty("ecsmonitor.shared.dir");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared");
            if (Files.isDirectory(candidate.resolve("corpus"))) {
                return candidate;
            }
            Path sibling = p.resolveSibling("shared");
            if (p.getParent() != null && Files.isDirectory(sibling.resolve("corpus"))) {
                return sibling;
            }
        }
        throw new IllegalStateException("cannot find shared/ (with corpus/ and data/) beside the project;"
                + " set -Decsmonitor.shared.dir=/path/to/shared");
    }
}
