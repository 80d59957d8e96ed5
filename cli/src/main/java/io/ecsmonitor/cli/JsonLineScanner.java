package io.ecsmonitor.cli;

import java.nio.charset.StandardCharsets;

/**
 * Reads the top-level {@code "message"} string of one JSON object straight from the line's UTF-8
 * bytes, validating the line (strict JSON, strict UTF-8 inside strings) on the way; only the message
 * becomes a {@code String}. It is the fast path of {@link JsonMessage}: it accepts a subset of the
 * lines that {@code JsonMessage} accepts and returns the same message for them; for anything else
 * (an error, a blank line, bytes that are not ASCII outside a string, deep nesting, non-ASCII hex
 * digits) it answers {@link #UNSURE}, and the caller decodes the line and asks {@code JsonMessage},
 * which then gives the exact answer and error text. One instance per thread.
 */
final class JsonLineScanner {

    /** The answer for a line this scanner does not decide. Compared by identity. */
    static final String UNSURE = new String("(unsure)");

    /** Deeper nesting is left to the slow path (which then behaves as it always did). */
    private static final int MAX_DEPTH = 256;

    private static final int ESCAPED = 1;
    private static final int NON_ASCII = 2;
    /** A string's flags when it is not valid. */
    private static final int INVALID = -1;

    private byte[] b;
    private int i;
    private int end;
    private int depth;
    private int messageStart = -1;
    private int messageEnd;
    private int messageFlags;
    /** Scratch space for decoding a message with escapes. */
    private byte[] latin1 = new byte[256];
    private char[] chars = new char[256];

    /**
     * The top-level "message" string of the line {@code b[from, to)} (no newline), null when the
     * line is one valid JSON object without a "message" string, or {@link #UNSURE}.
     */
    String message(byte[] bytes, int from, int to) {
        return scan(bytes, from, to) == to ? message() : UNSURE;
    }

    /**
     * Scans the line that starts at {@code from} and ends at the next newline or at {@code limit},
     * without looking for the newline first: a valid line is one JSON object, and a JSON object has
     * no raw newline inside. Returns where the line ends (the newline's index, or {@code limit}) when
     * it is one valid JSON object as this scanner knows them ({@link #message()} then has its
     * message), or -1 when the caller must find the line's end and take the slow path.
     */
    int scan(byte[] bytes, int from, int limit) {
        b = bytes;
        i = from;
        end = limit;
        depth = 0;
        messageStart = -1;
        ws();
        if (i >= end || b[i] != '{' || !object(true)) {
            return -1;
        }
        ws();
        return i == end || b[i] == '\n' ? i : -1;
    }

    /** The message of the line last {@link #scan scanned} successfully, or null when it has none. */
    String message() {
        return messageStart < 0 ? null : decodeMessage();
    }

    /** Passes JSON whitespace except the newline, which ends the line. */
    private void ws() {
        while (i < end) {
            byte c = b[i];
            if (c == ' ' || c == '\t' || c == '\r') {
                i++;
            } else {
                return;
            }
        }
    }

    private boolean object(boolean top) {
        if (++depth > MAX_DEPTH) {
            return false;
        }
        i++; // '{'
        ws();
        if (i < end && b[i] == '}') {
            i++;
            depth--;
            return true;
        }
        while (true) {
            ws();
            if (i >= end || b[i] != '"') {
                return false;
            }
            boolean isMessage = top && isMessageKey();
            if (string() == INVALID) {
                return false;
            }
            ws();
            if (i >= end || b[i] != ':') {
                return false;
            }
            i++;
            ws();
            if (isMessage && i < end && b[i] == '"') {
                int start = i + 1;
                int flags = string();
                if (flags == INVALID) {
                    return false;
                }
                messageStart = start;
                messageEnd = i - 1;
                messageFlags = flags;
            } else if (!value()) {
                return false;
            }
            ws();
            if (i >= end) {
                return false;
            }
            byte c = b[i++];
            if (c == '}') {
                depth--;
                return true;
            }
            if (c != ',') {
                return false;
            }
        }
    }

    /** Whether the key at {@code i} is exactly {@code "message"}, written without escapes. */
    private boolean isMessageKey() {
        return i + 9 <= end && b[i + 1] == 'm' && b[i + 2] == 'e' && b[i + 3] == 's' && b[i + 4] == 's'
                && b[i + 5] == 'a' && b[i + 6] == 'g' && b[i + 7] == 'e' && b[i + 8] == '"';
    }

    private boolean array() {
        if (++depth > MAX_DEPTH) {
            return false;
        }
        i++; // '['
        ws();
        if (i < end && b[i] == ']') {
            i++;
            depth--;
            return true;
        }
        while (true) {
            ws();
            if (!value()) {
                return false;
            }
            ws();
            if (i >= end) {
                return false;
            }
            byte c = b[i++];
            if (c == ']') {
                depth--;
                return true;
            }
            if (c != ',') {
                return false;
            }
        }
    }

    private boolean value() {
        if (i >= end) {
            return false;
        }
        return switch (b[i]) {
            case '{' -> object(false);
            case '[' -> array();
            case '"' -> string() != INVALID;
            case 't' -> literal('t', 'r', 'u', 'e');
            case 'n' -> literal('n', 'u', 'l', 'l');
            case 'f' -> i + 5 <= end && b[i + 1] == 'a' && literalAt(i + 1, 'a', 'l', 's', 'e');
            default -> number();
        };
    }

    private boolean literal(char c0, char c1, char c2, char c3) {
        return literalAt(i, c0, c1, c2, c3);
    }

    private boolean literalAt(int at, char c0, char c1, char c2, char c3) {
        if (at + 4 > end || b[at] != c0 || b[at + 1] != c1 || b[at + 2] != c2 || b[at + 3] != c3) {
            return false;
        }
        i = at + 4;
        return true;
    }

    private boolean number() {
        if (b[i] == '-') {
            i++;
        }
        if (digits() == 0) {
            return false;
        }
        if (i < end && b[i] == '.') {
            i++;
            if (digits() == 0) {
                return false;
            }
        }
        if (i < end && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            if (i < end && (b[i] == '+' || b[i] == '-')) {
                i++;
            }
            return digits() > 0;
        }
        return true;
    }

    private int digits() {
        int st = i;
        while (i < end && b[i] >= '0' && b[i] <= '9') {
            i++;
        }
        return i - st;
    }

    /** Passes the string at {@code i} (its opening quote); returns its flags or {@link #INVALID}. */
    private int string() {
        int flags = 0;
        int p = i + 1;
        byte[] bytes = b;
        int e = end;
        while (p < e) {
            p = Bytes.skipPlainJsonText(bytes, p, e);
            if (p >= e) {
                break;
            }
            byte c = bytes[p];
            if (c >= 0x20 && c != '"' && c != '\\') {
                p++;
                continue;
            }
            if (c == '"') {
                i = p + 1;
                return flags;
            }
            if (c == '\\') {
                p = escape(p);
                if (p < 0) {
                    return INVALID;
                }
                flags |= ESCAPED;
                continue;
            }
            if (c >= 0) {
                return INVALID; // a control character
            }
            p = utf8(p);
            if (p < 0) {
                return INVALID;
            }
            flags |= NON_ASCII;
        }
        return INVALID;
    }

    /** Passes the escape at {@code p}; returns the index after it, or -1. */
    private int escape(int p) {
        if (p + 1 >= end) {
            return -1;
        }
        switch (b[p + 1]) {
            case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> {
                return p + 2;
            }
            case 'u' -> {
                if (p + 6 > end) {
                    return -1;
                }
                for (int k = p + 2; k < p + 6; k++) {
                    if (hex(b[k]) < 0) {
                        return -1;
                    }
                }
                return p + 6;
            }
            default -> {
                return -1;
            }
        }
    }

    private static int hex(byte c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    /**
     * Passes one well-formed UTF-8 sequence of two to four bytes at {@code p} (Unicode's table of
     * well-formed byte sequences: no overlong forms, no surrogates, nothing above U+10FFFF); returns
     * the index after it, or -1.
     */
    private int utf8(int p) {
        int c = b[p] & 0xff;
        if (c >= 0xc2 && c <= 0xdf) {
            return p + 1 < end && cont(b[p + 1]) ? p + 2 : -1;
        }
        if (c >= 0xe0 && c <= 0xef) {
            if (p + 2 >= end) {
                return -1;
            }
            int c1 = b[p + 1] & 0xff;
            int lo = c == 0xe0 ? 0xa0 : 0x80;
            int hi = c == 0xed ? 0x9f : 0xbf;
            return c1 >= lo && c1 <= hi && cont(b[p + 2]) ? p + 3 : -1;
        }
        if (c >= 0xf0 && c <= 0xf4) {
            if (p + 3 >= end) {
                return -1;
            }
            int c1 = b[p + 1] & 0xff;
            int lo = c == 0xf0 ? 0x90 : 0x80;
            int hi = c == 0xf4 ? 0x8f : 0xbf;
            return c1 >= lo && c1 <= hi && cont(b[p + 2]) && cont(b[p + 3]) ? p + 4 : -1;
        }
        return -1;
    }

    private static boolean cont(byte c) {
        return (c & 0xc0) == 0x80;
    }

    private String decodeMessage() {
        int from = messageStart;
        int to = messageEnd;
        if ((messageFlags & ESCAPED) == 0) {
            return new String(b, from, to - from,
                    (messageFlags & NON_ASCII) == 0 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
        }
        if ((messageFlags & NON_ASCII) == 0) {
            String s = decodeLatin1(from, to);
            if (s != null) {
                return s;
            }
        }
        return decodeChars(from, to);
    }

    /** The escaped ASCII string {@code b[from, to)} when every escape stands for a Latin-1 character, else null. */
    private String decodeLatin1(int from, int to) {
        byte[] out = latin1;
        if (out.length < to - from) {
            out = latin1 = new byte[Math.max(to - from, out.length * 2)];
        }
        int n = 0;
        int p = from;
        while (p < to) {
            int bs = Bytes.indexOf(b, p, to, (byte) '\\');
            if (bs < 0) {
                bs = to;
            }
            System.arraycopy(b, p, out, n, bs - p);
            n += bs - p;
            p = bs;
            if (p == to) {
                break;
            }
            int e = escaped(p);
            if (e > 0xff) {
                return null;
            }
            out[n++] = (byte) e;
            p += b[p + 1] == 'u' ? 6 : 2;
        }
        String s = new String(out, 0, n, StandardCharsets.ISO_8859_1);
        if (out.length > 1 << 16) {
            latin1 = new byte[256];
        }
        return s;
    }

    /** The string {@code b[from, to)}, escaped and valid UTF-8 (checked by {@link #string()}). */
    private String decodeChars(int from, int to) {
        char[] out = chars;
        if (out.length < to - from) {
            out = chars = new char[Math.max(to - from, out.length * 2)];
        }
        int n = 0;
        int p = from;
        while (p < to) {
            int c = b[p];
            if (c >= 0) {
                if (c != '\\') {
                    out[n++] = (char) c;
                    p++;
                } else {
                    out[n++] = (char) escaped(p);
                    p += b[p + 1] == 'u' ? 6 : 2;
                }
                continue;
            }
            c &= 0xff;
            if (c < 0xe0) {
                out[n++] = (char) ((c & 0x1f) << 6 | (b[p + 1] & 0x3f));
                p += 2;
            } else if (c < 0xf0) {
                out[n++] = (char) ((c & 0x0f) << 12 | (b[p + 1] & 0x3f) << 6 | (b[p + 2] & 0x3f));
                p += 3;
            } else {
                int cp = (c & 0x07) << 18 | (b[p + 1] & 0x3f) << 12 | (b[p + 2] & 0x3f) << 6 | (b[p + 3] & 0x3f);
                out[n++] = Character.highSurrogate(cp);
                out[n++] = Character.lowSurrogate(cp);
                p += 4;
            }
        }
        String s = new String(out, 0, n);
        if (out.length > 1 << 16) {
            chars = new char[256];
        }
        return s;
    }

    /** The character of the (valid) escape at {@code b[p]}. */
    private int escaped(int p) {
        return switch (b[p + 1]) {
            case 'n' -> '\n';
            case 't' -> '\t';
            case 'r' -> '\r';
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'u' -> hex(b[p + 2]) << 12 | hex(b[p + 3]) << 8 | hex(b[p + 4]) << 4 | hex(b[p + 5]);
            default -> b[p + 1]; // '"', '\\', '/'
        };
    }
}
