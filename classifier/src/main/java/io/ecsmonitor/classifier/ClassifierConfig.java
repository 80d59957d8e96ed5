package io.ecsmonitor.classifier;

import java.util.List;
import java.util.Set;

/**
 * Settings of the classification engine.
 *
 * @param healthPaths request paths whose GET/HEAD requests are health-check noise (rule 2), matched
 *                    exactly, a query string allowed; default {@code /health}
 */
public record ClassifierConfig(Set<String> healthPaths) {

    /** The default health path of the contract. */
    public static final String DEFAULT_HEALTH_PATH = "/health";

    /** The contract's defaults. */
    public static final ClassifierConfig DEFAULT = new ClassifierConfig(Set.of(DEFAULT_HEALTH_PATH));

    public ClassifierConfig {
        if (healthPaths == null || healthPaths.isEmpty()) {
            throw new IllegalArgumentException("at least one health path is needed, e.g. /health");
        }
        for (String p : healthPaths) {
            if (p == null || !p.startsWith("/")) {
                throw new IllegalArgumentException("a health path starts with '/': " + p);
            }
        }
        healthPaths = Set.copyOf(healthPaths);
    }

    /** A configuration with the given health paths. */
    public static ClassifierConfig withHealthPaths(List<String> paths) {
        return new ClassifierConfig(Set.copyOf(paths));
    }
}
