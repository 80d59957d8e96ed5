package io.ecsmonitor.core.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;

/**
 * The eleven error categories of the classification contract ({@code shared/spec/classification.md}),
 * declared in precedence order: when several apply to one event, the one declared first wins.
 */
public enum Category {
    OOM,
    PANIC,
    FATAL,
    TIMEOUT,
    CONNECTION_ERROR,
    AUTH_ERROR,
    HTTP_5XX,
    PYTHON_TRACEBACK,
    EXCEPTION,
    STRUCTURED_ERROR,
    ERROR;

    private static final Category[] VALUES = values();

    private final String wireName = name().toLowerCase(Locale.ROOT);

    /** The name used on the wire, in JSON and on the command line: {@code oom}, {@code http_5xx}, … */
    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** Lower is more important; the position in the contract's table, from 1. */
    public int precedence() {
        return ordinal() + 1;
    }

    /** The more important of two categories; either may be null. */
    public static Category first(Category a, Category b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.ordinal() <= b.ordinal() ? a : b;
    }

    /** Parses a wire name such as {@code connection_error}; empty when it names no category. */
    public static Optional<Category> fromWireName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        for (Category c : VALUES) {
            if (c.wireName.equals(name)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** For JSON: the wire name, or null for an unknown name. */
    @JsonCreator
    static Category ofWireName(String name) {
        return fromWireName(name).orElse(null);
    }

    @Override
    public String toString() {
        return wireName;
    }
}
