package io.ecsmonitor.classifier.fingerprint.legacy;

/**
 * A tolerant hand scan of one JSON object's top-level members, enough to template a structured log
 * line without a full parse: it finds the level and the message fields and skips everything else.
 */
final class JsonRecord {

    private static final int MAX_MESSAGE_FIELDS = 4;
    private static final char[] EQUALS = {'='};
    private static final char[] COLON = {':'};
    private static final char[] COMMA = {','};
    private static final char[] OPEN = {'{'};
    private static final char[] CLOSE = {'}'};
    private static final char[] SPACE = {' '};

    private final char[] s;
    private final int from;
    private final int to;
    private int levelFrom = -1;
    private int levelTo = -1;
    private int messageFields;
    /** Per message field: key from, key to, value from, value to; a negative value-from marks a non-string. */
    private int[] fields;

    private JsonRecord(char[] s, int from, int to) {
        this.s = s;
        this.from = from;
        this.to = to;
    }

    /** Parses the object that spans exactly {@code [from, to)}, or returns null when it is not one. */
    static JsonRecord parse(char[] s, int from, int to) {
        JsonRecord record = new JsonRecord(s, from, to);
        Cursor c = new Cursor(s, from, to);
        while (c.next()) {
            int kinds = Words.kinds(s, c.keyFrom, c.keyTo);
            if ((kinds & Words.LEVEL_KEY) != 0 && record.levelFrom < 0) {
                record.levelFrom = c.valueFrom;
                record.levelTo = c.valueTo;
            } else if ((kinds & Words.MESSAGE_KEY) != 0 && record.messageFields < MAX_MESSAGE_FIELDS) {
                if (record.fields == null) {
                    record.fields = new int[MAX_MESSAGE_FIELDS * 4];
                }
                int k = record.messageFields++ * 4;
                record.fields[k] = c.keyFrom;
                record.fields[k + 1] = c.keyTo;
                record.fields[k + 2] = c.string ? c.valueFrom : -1 - c.valueFrom;
                record.fields[k + 3] = c.valueTo;
            }
        }
        return c.bad || skipBlanks(s, c.pos, to) != to ? null : record;
    }

    /**
     * Writes the template: the level and each message field's own template, or, when the record has
     * no message field, its key names with every value but the level masked.
     */
    void template(TemplateWriter w, int depth) {
        if (messageFields == 0) {
            structure(w);
            return;
        }
        if (levelFrom >= 0) {
            w.constant(s, levelFrom, levelTo);
        }
        for (int k = 0; k < messageFields * 4; k += 4) {
            w.delimiter(SPACE, 0, 1);
            w.constant(s, fields[k], fields[k + 1]);
            w.constant(EQUALS);
            int valueFrom = fields[k + 2];
            int valueTo = fields[k + 3];
            if (valueFrom >= 0) {
                if (TemplateScanner.indexOf(s, '\\', valueFrom, valueTo) >= 0) {
                    char[] text = unescape(s, valueFrom, valueTo);
                    TemplateScanner.message(text, 0, text.length, w, depth + 1);
                } else {
                    TemplateScanner.message(s, valueFrom, valueTo, w, depth + 1);
                }
            } else {
                JsonRecord nested = s[-1 - valueFrom] == '{' && depth < TemplateScanner.MAX_DEPTH
                    ? parse(s, -1 - valueFrom, valueTo) : null;
                if (nested != null) {
                    nested.template(w, depth + 1);
                } else {
                    w.variable(false);
                }
            }
        }
    }

    private void structure(TemplateWriter w) {
        w.constant(OPEN);
        Cursor c = new Cursor(s, from, to);
        boolean first = true;
        while (c.next()) {
            if (!first) {
                w.constant(COMMA);
            }
            first = false;
            w.constant(s, c.keyFrom, c.keyTo);
            w.constant(COLON);
            if (c.valueFrom == levelFrom) {
                w.constant(s, levelFrom, levelTo);
            } else {
                w.variable(false);
            }
        }
        w.constant(CLOSE);
    }

    private static int skipBlanks(char[] s, int i, int to) {
        while (i < to && s[i] <= ' ') {
            i++;
        }
        return i;
    }

    private static char[] unescape(char[] s, int from, int to) {
        char[] out = new char[to - from];
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = s[i];
            if (c != '\\' || i + 1 >= to) {
                out[n++] = c;
                continue;
            }
            char e = s[++i];
            switch (e) {
                case 'n' -> out[n++] = '\n';
                case 't' -> out[n++] = '\t';
                case 'r' -> out[n++] = '\r';
                case 'b', 'f' -> out[n++] = ' ';
                case 'u' -> {
                    int code = i + 4 < to ? hex4(s, i + 1) : -1;
                    if (code >= 0) {
                        out[n++] = (char) code;
                        i += 4;
                    } else {
                        out[n++] = 'u';
                    }
                }
                default -> out[n++] = e;
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    private static int hex4(char[] s, int at) {
        int v = 0;
        for (int k = at; k < at + 4; k++) {
            int d = Character.digit(s[k], 16);
            if (d < 0) {
                return -1;
            }
            v = v << 4 | d;
        }
        return v;
    }

    /** Steps through the members of one object; {@code bad} is set when the text is not JSON. */
    private static final class Cursor {
        private final char[] s;
        private final int to;
        int pos;
        boolean bad;
        int keyFrom;
        int keyTo;
        /** For a string, the range inside its quotes; otherwise the raw value. */
        int valueFrom;
        int valueTo;
        boolean string;

        Cursor(char[] s, int brace, int to) {
            this.s = s;
            this.to = to;
            this.pos = brace + 1;
        }

        boolean next() {
            pos = skipBlanks(s, pos, to);
            if (pos < to && s[pos] == ',') {
                pos = skipBlanks(s, pos + 1, to);
            }
            if (pos >= to) {
                return fail();
            }
            char c = s[pos];
            if (c == '}') {
                pos++;
                return false;
            }
            if (c != '"') {
                return fail();
            }
            int keyEnd = stringEnd(pos);
            if (keyEnd < 0) {
                return fail();
            }
            keyFrom = pos + 1;
            keyTo = keyEnd;
            pos = skipBlanks(s, keyEnd + 1, to);
            if (pos >= to || s[pos] != ':') {
                return fail();
            }
            pos = skipBlanks(s, pos + 1, to);
            if (pos >= to) {
                return fail();
            }
            c = s[pos];
            if (c == '"') {
                int end = stringEnd(pos);
                if (end < 0) {
                    return fail();
                }
                valueFrom = pos + 1;
                valueTo = end;
                string = true;
                pos = end + 1;
                return true;
            }
            int end = c == '{' || c == '[' ? nestedEnd(pos) : scalarEnd(pos);
            if (end <= pos) {
                return fail();
            }
            valueFrom = pos;
            valueTo = end;
            string = false;
            pos = end;
            return true;
        }

        private boolean fail() {
            bad = true;
            return false;
        }

        /** The index of the quote closing the string that opens at {@code open}, or -1. */
        private int stringEnd(int open) {
            for (int i = open + 1; i < to; i++) {
                char c = s[i];
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    return i;
                }
            }
            return -1;
        }

        private int nestedEnd(int open) {
            int depth = 0;
            for (int i = open; i < to; i++) {
                char c = s[i];
                if (c == '"') {
                    i = stringEnd(i);
                    if (i < 0) {
                        return -1;
                    }
                } else if (c == '{' || c == '[') {
                    depth++;
                } else if (c == '}' || c == ']') {
                    if (--depth == 0) {
                        return i + 1;
                    }
                }
            }
            return -1;
        }

        private int scalarEnd(int start) {
            int i = start;
            while (i < to) {
                char c = s[i];
                if (c == ',' || c == '}' || c == ']' || c <= ' ') {
                    break;
                }
                i++;
            }
            return i;
        }
    }
}
