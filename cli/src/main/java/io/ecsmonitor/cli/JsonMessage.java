package io.ecsmonitor.cli;

import io.ecsmonitor.core.json.JsonEscape;

/**
 * Reads the top-level {@code "message"} string of one JSON object per line, validating the whole
 * line as strict JSON on the way, without building a tree: the summary of {@code classify --jsonl}
 * needs nothing else, and this is its hot path.
 */
final class JsonMessage {

    /** Why a line was not accepted. */
    static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    private final String s;
    private final int n;
    private int i;
    private String message;
    /** Where the next backslash is at or after the last look, so each string need not search again. */
    private int nextBackslash = -1;

    private JsonMessage(String s) {
        this.s = s;
        this.n = s.length();
    }

    /**
     * The line's top-level "message" string, or null when it has none.
     *
     * @throws Invalid when the line is not one valid JSON object
     */
    static String extract(String line) throws Invalid {
        JsonMessage p = new JsonMessage(line);
        p.ws();
        if (p.i >= p.n || p.s.charAt(p.i) != '{') {
            throw new Invalid("not a JSON object: does not start with '{'");
        }
        p.object(true);
        p.ws();
        if (p.i < p.n) {
            throw new Invalid("not a JSON object: text after the closing '}' at column " + (p.i + 1));
        }
        return p.message;
    }

    private void ws() {
        while (i < n) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                i++;
            } else {
                return;
            }
        }
    }

    private Invalid error(String what) {
        return new Invalid(i >= n ? "not a JSON object: ends before " + what
                : "not a JSON object: " + what + " expected at column " + (i + 1));
    }

    private void object(boolean top) throws Invalid {
        i++; // '{'
        ws();
        if (i < n && s.charAt(i) == '}') {
            i++;
            return;
        }
        while (true) {
            ws();
            if (i >= n || s.charAt(i) != '"') {
                throw error("a field name");
            }
            boolean isMessage = top && s.startsWith("\"message\"", i);
            String key = string(false);
            ws();
            if (i >= n || s.charAt(i) != ':') {
                throw error("':'");
            }
            i++;
            ws();
            if (isMessage && "message".equals(key) && i < n && s.charAt(i) == '"') {
                message = string(true);
            } else {
                value();
            }
            ws();
            if (i >= n) {
                throw error("'}'");
            }
            char c = s.charAt(i++);
            if (c == '}') {
                return;
            }
            if (c != ',') {
                i--;
                throw error("',' or '}'");
            }
        }
    }

    private void array() throws Invalid {
        i++; // '['
        ws();
        if (i < n && s.charAt(i) == ']') {
            i++;
            return;
        }
        while (true) {
            ws();
            value();
            ws();
            if (i >= n) {
                throw error("']'");
            }
            char c = s.charAt(i++);
            if (c == ']') {
                return;
            }
            if (c != ',') {
                i--;
                throw error("',' or ']'");
            }
        }
    }

    private void value() throws Invalid {
        if (i >= n) {
            throw error("a value");
        }
        char c = s.charAt(i);
        switch (c) {
            case '{' -> object(false);
            case '[' -> array();
            case '"' -> string(false);
            case 't' -> literal("true");
            case 'f' -> literal("false");
            case 'n' -> literal("null");
            default -> number();
        }
    }

    private void literal(String word) throws Invalid {
        if (!s.startsWith(word, i)) {
            throw error("a value");
        }
        i += word.length();
    }

    private void number() throws Invalid {
        int st = i;
        if (i < n && s.charAt(i) == '-') {
            i++;
        }
        int digits = i;
        while (i < n && Character.isDigit(s.charAt(i))) {
            i++;
        }
        if (i == digits) {
            i = st;
            throw error("a value");
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            int f = i;
            while (i < n && Character.isDigit(s.charAt(i))) {
                i++;
            }
            if (i == f) {
                throw error("a digit");
            }
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int e = i;
            while (i < n && Character.isDigit(s.charAt(i))) {
                i++;
            }
            if (i == e) {
                throw error("a digit");
            }
        }
    }

    /** Reads a string at {@code i} (its opening quote); decodes it only when {@code keep}. */
    private String string(boolean keep) throws Invalid {
        int st = ++i;
        // fast path: the closing quote found by a vectorised search, no escape before it
        int quote = s.indexOf('"', st);
        if (quote >= 0) {
            if (nextBackslash < st) {
                nextBackslash = s.indexOf('\\', st);
                if (nextBackslash < 0) {
                    nextBackslash = Integer.MAX_VALUE;
                }
            }
            if (nextBackslash > quote) {
                i = quote + 1;
                return keep || quote - st == 7 ? s.substring(st, quote) : null;
            }
        }
        StringBuilder b = null;
        while (i < n) {
            char c = s.charAt(i);
            if (c == '"') {
                String v = keep || b != null || (i - st) == 7 ? (b == null ? s.substring(st, i) : b.toString()) : null;
                i++;
                return v;
            }
            if (c == '\\') {
                if (b == null) {
                    b = new StringBuilder(i - st + 16).append(s, st, i);
                }
                if (i + 1 >= n) {
                    break;
                }
                int next = JsonEscape.decode(s, i, b);
                if (next < 0) {
                    i++;
                    throw error("a valid escape");
                }
                i = next;
                continue;
            }
            if (c < 0x20) {
                throw error("no control character in a string");
            }
            if (b != null) {
                b.append(c);
            }
            i++;
        }
        throw error("the closing '\"' of a string");
    }
}
