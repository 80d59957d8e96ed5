package io.ecsmonitor.cli.logs;

import java.util.Locale;

/** Counts in words: {@code 1 event}, {@code 1,204 events}. */
public final class Plural {

    private Plural() {
    }

    /** {@code n} and {@code noun}, with an {@code s} unless {@code n} is 1. */
    public static String of(long n, String noun) {
        return String.format(Locale.ROOT, "%,d %s%s", n, noun, n == 1 ? "" : "s");
    }
}
