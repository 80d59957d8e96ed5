package io.ecsmonitor.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads newline-separated UTF-8 lines from a stream with a bound on a line's length. A line that is
 * too long or not valid UTF-8 is not returned as text but reported as a rejected line, with its
 * number and the reason, so the caller can count it and go on: nothing is silently lost.
 */
final class LineReader {

    /** One line of input: its text, or the reason it was rejected. */
    record Line(long number, String text, String rejection) {
        boolean rejected() {
            return rejection != null;
        }
    }

    private final InputStream in;
    private final int maxLineBytes;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int limit;
    private boolean eof;
    private byte[] line = new byte[1024];
    private long number;

    LineReader(InputStream in, int maxLineBytes) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    /** The next line, or null at the end of the input. */
    Line next() throws IOException {
        int len = 0;
        long overflow = 0;
        boolean any = false;
        while (true) {
            if (pos == limit) {
                if (eof || !fill()) {
                    if (!any) {
                        return null;
                    }
                    break;
                }
            }
            any = true;
            int nl = indexOf(buf, pos, limit, (byte) '\n');
            int end = nl < 0 ? limit : nl;
            int chunk = end - pos;
            if (overflow > 0 || len + chunk > maxLineBytes) {
                overflow += chunk + (overflow == 0 ? len : 0);
                len = 0;
            } else {
                if (len + chunk > line.length) {
                    line = Arrays.copyOf(line, Math.max(line.length * 2, len + chunk));
                }
                System.arraycopy(buf, pos, line, len, chunk);
                len += chunk;
            }
            pos = end;
            if (nl >= 0) {
                pos = nl + 1;
                break;
            }
        }
        number++;
        if (overflow > 0) {
            return new Line(number, null, "line is " + overflow + " bytes, over the limit of " + maxLineBytes
                    + " bytes (raise it with --max-line-bytes)");
        }
        if (len > 0 && line[len - 1] == '\r') {
            len--;
        }
        if (isAscii(line, len)) {
            return new Line(number, new String(line, 0, len, StandardCharsets.ISO_8859_1), null);
        }
        try {
            CharBuffer chars = decoder.reset().decode(ByteBuffer.wrap(line, 0, len));
            return new Line(number, chars.toString(), null);
        } catch (CharacterCodingException e) {
            return new Line(number, null, "not valid UTF-8 (" + e.getMessage() + ")");
        }
    }

    private boolean fill() throws IOException {
        int n = in.read(buf, 0, buf.length);
        if (n <= 0) {
            eof = true;
            pos = limit = 0;
            return false;
        }
        pos = 0;
        limit = n;
        return true;
    }

    private static int indexOf(byte[] b, int from, int to, byte v) {
        for (int i = from; i < to; i++) {
            if (b[i] == v) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isAscii(byte[] b, int len) {
        for (int i = 0; i < len; i++) {
            if (b[i] < 0) {
                return false;
            }
        }
        return true;
    }
}
