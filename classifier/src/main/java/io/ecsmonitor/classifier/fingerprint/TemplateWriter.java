package io.ecsmonitor.classifier.fingerprint;

/**
 * Receives a template as the scanner finds it, and owns the two rules that shape its text:
 * adjacent variables (separated only by blanks and separator punctuation) collapse into one
 * placeholder, and runs of whitespace become one space with none at the start or end of a line.
 *
 * <p>The delimiters since the last token form a pending range of the source, and whether they sit
 * between two variables (and are dropped) or not (and stay) is known only at the next token. They
 * are written at once, one character per call, and taken back when the next token turns out to be
 * a variable that collapses with the one before: a mark holds what the writer looked like where the
 * range began. (Holding them back and writing them at the next token cost a second loop over the
 * range, whose varying length the processor mispredicts.) The text goes into a growing buffer that
 * {@link Fingerprinter} reuses per thread, so writing one allocates nothing; the fingerprint is then
 * hashed from the buffer in one pass.
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

    /** The pending range of delimiters in its source; null when no range is open. */
    private char[] pendingSource;
    private int pendingFrom;
    private int pendingTo;
    /** Whether the pending range holds anything but blanks. */
    private boolean pendingPunctuation;
    /** Whether the pending range holds only blanks and {@link #COLLAPSIBLE} punctuation. */
    private boolean pendingCollapsible = true;
    // Where the pending range began: what a collapse restores before it absorbs the range.
    private int markLength;
    private int markAbsorbedBrackets;

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
        spaceOwed = lineHasOutput;
    }

    /** Punctuation between tokens: written now, and taken back if it falls between two variables. */
    void delimiter(char[] s, int from, int to) {
        if (pendingSource != s || pendingTo != from) {
            startPending(s, from);
        }
        pendingTo = to;
        for (int i = from; i < to; i++) {
            delimiter(s[i]);
        }
    }

    /** One character of a pending range: a blank owes a space, a closer may close an absorbed bracket. */
    private void delimiter(char c) {
        if (c <= ' ') {
            spaceOwed = lineHasOutput;
            return;
        }
        pendingPunctuation = true;
        if (c >= 128 || !COLLAPSIBLE[c]) {
            pendingCollapsible = false;
        }
        if (absorbedBrackets > 0 && isCloser(c)) {
            absorbedBrackets--;
            return;
        }
        room(2);
        payOwedSpace();
        out[length++] = c;
        lineHasOutput = true;
    }

    /** Text that belongs to the template. */
    void constant(char[] s, int from, int to) {
        if (from >= to) {
            return;
        }
        if (pendingSource != null) {
            clearPending();
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
            if (pendingSource != null) {
                // Take back what the range wrote, as if it had been held back. (The line had output
                // before the range, the variable that came first, so lineHasOutput needs no restoring.)
                length = markLength;
                absorbedBrackets = markAbsorbedBrackets;
                if (pendingPunctuation) {
                    absorbBrackets();
                }
                clearPending();
            }
            spaceOwed = false;
            lastWasNumber = number;
            return;
        }
        if (pendingSource != null) {
            clearPending();
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

    /** Ends a line: pending punctuation stays, trailing whitespace is not written. */
    void endLine() {
        if (pendingSource != null) {
            clearPending();
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

    /** Opens a pending range; one still open (not adjacent in the same source) is kept as written. */
    private void startPending(char[] s, int from) {
        pendingPunctuation = false;
        pendingCollapsible = true;
        pendingSource = s;
        pendingFrom = from;
        markLength = length;
        markAbsorbedBrackets = absorbedBrackets;
    }

    private void clearPending() {
        pendingSource = null;
        pendingPunctuation = false;
        pendingCollapsible = true;
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
