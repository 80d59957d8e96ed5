package io.ecsmonitor.classifier.fingerprint;

/**
 * Receives a template as the scanner finds it, and owns the two rules that shape its text:
 * adjacent variables (separated only by blanks and separator punctuation) collapse into one
 * placeholder, and runs of whitespace become one space with none at the start or end of a line.
 *
 * <p>Delimiters are held back as a pending range of the source until the next token shows whether
 * they sit between two variables (and are dropped) or not (and are written). Subclasses decide what
 * "write" means: append to a {@link StringBuilder}, or fold into a hash.
 */
abstract class TemplateWriter {

    /** Punctuation that may sit inside one variable value: "10.0.0.1:80", "(5 KB)", "[a, b]". */
    private static final boolean[] COLLAPSIBLE = new boolean[128];
    private static final char[] PLACEHOLDER = {'<', '*', '>'};

    static {
        for (char c = 0; c <= ' '; c++) {
            COLLAPSIBLE[c] = true;
        }
        for (char c : ",;:./\\-_()[]{}\"'`+~".toCharArray()) {
            COLLAPSIBLE[c] = true;
        }
    }

    private boolean lastWasVariable;
    private boolean lastWasNumber;
    private boolean lineHasOutput;
    private boolean spaceOwed;
    /** Brackets opened inside a collapsed run of variables, whose closers are dropped too. */
    private int absorbedBrackets;

    private char[] pendingSource;
    private int pendingFrom;
    private int pendingTo;
    /** Whether the pending range holds anything but blanks. */
    private boolean pendingPunctuation;
    /** Whether the pending range holds only blanks and {@link #COLLAPSIBLE} punctuation. */
    private boolean pendingCollapsible = true;

    abstract void write(char c);

    abstract void write(char[] s, int from, int to);

    /** Blanks between tokens: one space, or nothing at the start and end of a line. */
    final void blank(char[] s, int from, int to) {
        if (pendingSource != s || pendingTo != from) {
            flushPending();
            pendingSource = s;
            pendingFrom = from;
        }
        pendingTo = to;
    }

    /** Punctuation between tokens: written later, or dropped between two variables. */
    final void delimiter(char[] s, int from, int to) {
        if (pendingSource != s || pendingTo != from) {
            flushPending();
            pendingSource = s;
            pendingFrom = from;
        }
        pendingTo = to;
        for (int i = from; i < to; i++) {
            char c = s[i];
            if (c > ' ') {
                pendingPunctuation = true;
                if (c >= 128 || !COLLAPSIBLE[c]) {
                    pendingCollapsible = false;
                }
            }
        }
    }

    /** Text that belongs to the template. */
    final void constant(char[] s, int from, int to) {
        if (from >= to) {
            return;
        }
        flushPending();
        payOwedSpace();
        write(s, from, to);
        lineHasOutput = true;
        lastWasVariable = false;
        lastWasNumber = false;
        absorbedBrackets = 0;
    }

    final void constant(char[] s) {
        constant(s, 0, s.length);
    }

    /** A variable part; {@code number} tells whether it was a plain number (for unit and date rules). */
    final void variable(boolean number) {
        if (lastWasVariable && pendingCollapsible) {
            if (pendingPunctuation) {
                absorbBrackets();
            }
            clearPending();
            spaceOwed = false;
            lastWasNumber = number;
            return;
        }
        flushPending();
        payOwedSpace();
        write(PLACEHOLDER, 0, 3);
        lineHasOutput = true;
        lastWasVariable = true;
        lastWasNumber = number;
    }

    /** True when the last token was a plain number and only blanks have come since. */
    final boolean afterNumber() {
        return lastWasVariable && lastWasNumber && !pendingPunctuation;
    }

    /** True when the last token was a variable and only blanks or the given characters came since. */
    final boolean afterVariable(String allowed) {
        if (!lastWasVariable) {
            return false;
        }
        if (pendingSource != null && pendingPunctuation) {
            for (int i = pendingFrom; i < pendingTo; i++) {
                char c = pendingSource[i];
                if (c > ' ' && allowed.indexOf(c) < 0) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Ends a line: pending punctuation is written, trailing whitespace is not. */
    final void endLine() {
        flushPending();
        spaceOwed = false;
    }

    /** Starts a new line of the template (multi-line events). */
    final void newLine() {
        endLine();
        write('\n');
        lineHasOutput = false;
        lastWasVariable = false;
        lastWasNumber = false;
        absorbedBrackets = 0;
    }

    private void clearPending() {
        pendingSource = null;
        pendingPunctuation = false;
        pendingCollapsible = true;
    }

    private void flushPending() {
        char[] s = pendingSource;
        if (s == null) {
            return;
        }
        boolean punctuation = pendingPunctuation;
        clearPending();
        if (!punctuation) {
            spaceOwed = lineHasOutput;
            return;
        }
        for (int i = pendingFrom; i < pendingTo; i++) {
            char c = s[i];
            if (absorbedBrackets > 0 && isCloser(c)) {
                absorbedBrackets--;
            } else if (c <= ' ') {
                spaceOwed = lineHasOutput;
            } else {
                payOwedSpace();
                write(c);
                lineHasOutput = true;
            }
        }
    }

    /** Counts the brackets a collapse drops unclosed, so that "1.2.3.4 (host)" loses its ")" too. */
    private void absorbBrackets() {
        char[] s = pendingSource;
        if (s == null) {
            return;
        }
        for (int i = pendingFrom; i < pendingTo; i++) {
            char c = s[i];
            if (c == '(' || c == '[' || c == '{') {
                absorbedBrackets++;
            } else if (absorbedBrackets > 0 && isCloser(c)) {
                absorbedBrackets--;
            }
        }
    }

    private static boolean isCloser(char c) {
        return c == ')' || c == ']' || c == '}';
    }

    private void payOwedSpace() {
        if (spaceOwed) {
            write(' ');
            spaceOwed = false;
        }
    }

    /** Builds the template text. */
    static final class Text extends TemplateWriter {
        private final StringBuilder out;

        Text(int capacity) {
            out = new StringBuilder(capacity);
        }

        @Override
        void write(char c) {
            out.append(c);
        }

        @Override
        void write(char[] s, int from, int to) {
            out.append(s, from, to - from);
        }

        @Override
        public String toString() {
            return out.toString();
        }
    }

    /**
     * Folds the template text into 64 bits without building it: FNV-1a 64 over its UTF-16 code
     * units (each unit xor-ed in whole, then multiplied by the FNV prime), finished by MurmurHash3's
     * {@code fmix64} so that every bit of the result depends on the whole text.
     */
    static final class Hash extends TemplateWriter {
        private static final long OFFSET_BASIS = 0xcbf29ce484222325L;
        private static final long PRIME = 0x100000001b3L;

        private long hash = OFFSET_BASIS;

        @Override
        void write(char c) {
            hash = (hash ^ c) * PRIME;
        }

        @Override
        void write(char[] s, int from, int to) {
            long h = hash;
            for (int i = from; i < to; i++) {
                h = (h ^ s[i]) * PRIME;
            }
            hash = h;
        }

        long value() {
            long k = hash;
            k ^= k >>> 33;
            k *= 0xff51afd7ed558ccdL;
            k ^= k >>> 33;
            k *= 0xc4ceb9fe1a85ec53L;
            k ^= k >>> 33;
            return k;
        }
    }
}
