package io.ecsmonitor.classifier.text;

import java.util.function.BiPredicate;

/**
 * A set of pairs of ASCII characters as a 2 KB bit table, for scans that look closely only at the positions
 * whose first two characters can begin one of a few words: one load and a test per position.
 */
public final class AsciiPairs {

    private final long[] bits = new long[128 * 128 / 64];

    private AsciiPairs() {
    }

    /** The pairs of ASCII characters {@code (c0, c1)} for which {@code member} holds. */
    public static AsciiPairs where(BiPredicate<Character, Character> member) {
        AsciiPairs pairs = new AsciiPairs();
        for (char c0 = 0; c0 < 128; c0++) {
            for (char c1 = 0; c1 < 128; c1++) {
                if (member.test(c0, c1)) {
                    int bit = c0 << 7 | c1;
                    pairs.bits[bit >>> 6] |= 1L << bit;
                }
            }
        }
        return pairs;
    }

    /** Whether {@code (c0, c1)} is in the set; false when either is beyond ASCII. */
    public boolean contains(char c0, char c1) {
        if ((c0 | c1) >= 128) {
            return false;
        }
        int bit = c0 << 7 | c1;
        return (bits[bit >>> 6] & (1L << bit)) != 0;
    }
}
