package io.ecsmonitor.core.json;

/** Decodes one JSON string escape, for the hand-written JSON readers on hot paths. */
public final class JsonEscape {

    private JsonEscape() {
    }

    /**
     * Appends the character that the escape at {@code s[backslash]} stands for.
     *
     * @return the index just past the escape, or -1 when it is not a valid JSON escape (an unknown
     *         letter, or {@code \\u} without four hex digits); nothing is appended then
     */
    public static int decode(String s, int backslash, StringBuilder out) {
        int i = backslash + 1;
        if (i >= s.length()) {
            return -1;
        }
        char e = s.charAt(i);
        switch (e) {
            case '"', '\\', '/' -> out.append(e);
            case 'n' -> out.append('\n');
            case 't' -> out.append('\t');
            case 'r' -> out.append('\r');
            case 'b' -> out.append('\b');
            case 'f' -> out.append('\f');
            case 'u' -> {
                if (i + 5 > s.length()) {
                    return -1;
                }
                int cp = 0;
                for (int k = i + 1; k <= i + 4; k++) {
                    int d = Character.digit(s.charAt(k), 16);
                    if (d < 0) {
                        return -1;
                    }
                    cp = cp * 16 + d;
                }
                out.append((char) cp);
                return i + 5;
            }
            default -> {
                return -1;
            }
        }
        return i + 1;
    }
}
