package io.ecsmonitor.classifier.fingerprint.legacy;

/**
 * Receives a template as the scanner finds it, and owns the two rules that shape its text:
 * adjacent variables (separated only by blanks and separator punctuation) collapse into one
 * placeholder, and runs of whitespace become one space with none at the start or end of a line.
 *
 * <p>Delimiters are held back as a pending range of the source until the next token shows whether
 * they sit between two variables (and are dropped) or not (and are written). The text goes into a
 * growing buffer that {@link LegacyFingerprinter} reuses per thread, so writing one allocates nothing; the
 * fingerprint is then hashed from the buffer in one pass.
 */
final class TemplateWriter {

    /** Punctuation that may sit inside one variable value: "10.0.0.1:80", "(5 KB)", "[a, b]". */
    private static final boolean[] COLLAPSIBLE = new boolean[128];
    private static final int INITIAL_CAPACITY = 1024;
    /** A buffer grown past this by a huge event is dropped at the next {@link #reset()}. */
    private static final int RETAINED_CAPACITY = 64 * 1024;
    private static final long FNV_OFFSET_BASIS = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    static {
        for (char c = 0; c <= ' '; c++) {
            COLLAPSIBLE[c] = true;
        }
        for (char c : ",;:./\\-_()[]{}\"'`+~".toCharArray()) {
            COLLAPSIBLE[c] = true;
        }
    }

    private char[] out = new char[INITIAL_CAPACITY];
    private int length;

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

    /** Forgets the previous template, to start the next one. */
    void reset() {
        if (out.length > RETAINED_CAPACITY) {
            out = new char[INITIAL_CAPACITY];
        }
        length = 0;
        lastWasVariable = false;
        lastWasNumber = false;
        lineHasOutput = false;
        spaceOwed = false;
        absorbedBrackets = 0;
        clearPending();
    }

    /** The template text written so far. */
    String text() {
        return new String(out, 0, length);
    }

    /** The fingerprint of the template text written so far; see {@link #hash(char[], int, int)}. */
    long hash() {
        return hash(out, 0, length);
    }

    /**
     * Folds a template text into 64 bits: FNV-1a 64 over its UTF-16 code units (each unit xor-ed in
     * whole, then multiplied by the FNV prime), finished by MurmurHash3's {@code fmix64} so that
     * every bit of the result depends on the whole text.
     */
    static long hash(char[] s, int from, int to) {
        long h = FNV_OFFSET_BASIS;
        for (int i = from; i < to; i++) {
            h = (h ^ s[i]) * FNV_PRIME;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    /** Blanks between tokens: one space, or nothing at the start and end of a line. */
    void blank(char[] s, int from, int to) {
        if (pendingSource != s || pendingTo != from) {
            startPending(s, from);
        }
        pendingTo = to;
    }

    /** Punctuation between tokens: written later, or dropped between two variables. */
    void delimiter(char[] s, int from, int to) {
        if (pendingSource != s || pendingTo != from) {
            startPending(s, from);
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
    void constant(char[] s, int from, int to) {
        if (from >= to) {
            return;
        }
        if (pendingSource != null) {
            flushPending();
        }
        int n = to - from;
        room(n + 1);
        payOwedSpace();
        System.arraycopy(s, from, out, length, n);
        length += n;
        lineHasOutput = true;
        lastWasVariable = false;
        lastWasNumber = false;
        absorbedBrackets = 0;
    }

    void constant(char[] s) {
        constant(s, 0, s.length);
    }

    /** A variable part; {@code number} tells whether it was a plain number (for unit and date rules). */
    void variable(boolean number) {
        if (lastWasVariable && pendingCollapsible) {
            if (pendingPunctuation) {
                absorbBrackets();
            }
            clearPending();
            spaceOwed = false;
            lastWasNumber = number;
            return;
        }
        if (pendingSource != null) {
            flushPending();
        }
        room(4);
        payOwedSpace();
        out[length] = '<';
        out[length + 1] = '*';
        out[length + 2] = '>';
        length += 3;
        lineHasOutput = true;
        lastWasVariable = true;
        lastWasNumber = number;
    }

    /** True when the last token was a plain number and only blanks have come since. */
    boolean afterNumber() {
        return lastWasVariable && lastWasNumber && !pendingPunctuation;
    }

    /** True when the last token was a variable and only blanks or the given characters came since. */
    boolean afterVariable(String allowed) {
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
    void endLine() {
        if (pendingSource != null) {
            flushPending();
        }
        spaceOwed = false;
    }

    /** Starts a new line of the template (multi-line events). */
    void newLine() {
        endLine();
        room(1);
        out[length++] = '\n';
        lineHasOutput = false;
        lastWasVariable = false;
        lastWasNumber = false;
        absorbedBrackets = 0;
    }

    private void startPending(char[] s, int from) {
        if (pendingSource != null) {
            flushPending();
        }
        pendingSource = s;
        pendingFrom = from;
    }

    private void clearPending() {
        pendingSource = null;
        pendingPunctuation = false;
        pendingCollapsible = true;
    }

    private void flushPending() {
        // The common case, kept small enough to inline: only blanks pending, which owe one space.
        if (!pendingPunctuation) {
            pendingSource = null;
            spaceOwed = lineHasOutput;
        } else {
            flushPunctuation();
        }
    }

    private void flushPunctuation() {
        char[] s = pendingSource;
        clearPending();
        for (int i = pendingFrom; i < pendingTo; i++) {
            char c = s[i];
            if (absorbedBrackets > 0 && isCloser(c)) {
                absorbedBrackets--;
            } else if (c <= ' ') {
                spaceOwed = lineHasOutput;
            } else {
                room(2);
                payOwedSpace();
                out[length++] = c;
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

    /** Writes the space a blank left owing; the caller has made room for it. */
    private void payOwedSpace() {
        if (spaceOwed) {
            out[length++] = ' ';
            spaceOwed = false;
        }
    }

    /** Makes room for {@code n} more characters. */
    private void room(int n) {
        if (length + n > out.length) {
            out = java.util.Arrays.copyOf(out, Math.max(2 * out.length, length + n));
        }
    }
}
