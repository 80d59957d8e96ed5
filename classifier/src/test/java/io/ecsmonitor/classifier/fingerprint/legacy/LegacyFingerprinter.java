package io.ecsmonitor.classifier.fingerprint.legacy;

/**
 * The fingerprint of a log event: a short stable id of its <em>template</em>, the message with its
 * variable parts replaced by {@value #VARIABLE}, so that {@code user 42 not found} and
 * {@code user 7 not found} share a fingerprint and {@code order 42 not found} does not.
 *
 * <p>Stateless and thread-safe. One left-to-right pass over the message, no regular expressions;
 * the template is built in a buffer reused per thread, so {@link #fingerprint64(String)} allocates
 * nothing for a plain-text message of up to 16K characters (reading a JSON record allocates a
 * little). The rules are general heuristics, tuned and scored on the Loghub 2k datasets
 * ({@code FingerprinterLoghubTest}), with no per-source special cases.
 *
 * <h2>What is variable</h2>
 * The message is read as runs of word characters ({@code [A-Za-z0-9_.$@~-]} and other letters)
 * between punctuation and blanks. A run is variable when it
 * <ul>
 *   <li>contains a digit: numbers, hex ({@code 0x7f3a}), UUIDs, IPv4, timestamps, durations
 *       ({@code 1.5s}, {@code 250ms}), ids such as {@code blk_-695} or {@code pool-1-thread-3}; a
 *       dotted run is judged per segment, so {@code file1.txt} becomes {@code <*>.txt};</li>
 *   <li>is a host name or e-mail address: dotted labels ending in a known top-level domain
 *       ({@code db.example.com}, {@code ip-10-0-0-1.ec2.internal}), or any lower-case dotted name
 *       before {@code :port} ({@code cdn.example.cn:443}) unless it ends in a source file extension
 *       ({@code main.go:42});</li>
 *   <li>is hex of 8 or more letters without a digit ({@code deadbeef});</li>
 *   <li>is a literal: {@code true}, {@code false}, {@code null}, {@code nil}, {@code undefined}
 *       (in lower, capitalised or upper case), {@code None}, {@code NaN};</li>
 *   <li>is a month or weekday name next to a number ({@code Jan  2 03:04:05},
 *       {@code Sun Jul 17 07:07:00 2005}, {@code 02/Jan/2024}), or a unit right after a number
 *       ({@code 250 ms}, {@code 3 seconds}, {@code 12 bytes});</li>
 *   <li>follows the word {@code user} or {@code username}, unless it is a common word
 *       ({@code Invalid user admin}, {@code for user root}, but {@code user not found}).</li>
 * </ul>
 * Also variable, as one placeholder each:
 * <ul>
 *   <li>colon-separated hex groups: IPv6 and MAC addresses, clock times;</li>
 *   <li>quoted values ({@code "…"}, {@code '…'}, {@code `…`}, up to 1 KiB; an apostrophe inside a
 *       word is not a quote), except an HTTP request line ({@code "GET /x HTTP/1.1"}) whose method
 *       is kept; an empty {@code ()}, {@code []} or <code>{}</code> standing alone;</li>
 *   <li>paths of two segments or more ({@code /var/data/x.csv}, {@code ./bin/app},
 *       {@code C:\Windows\x.dll}, {@code /users/123/orders?page=2}): file names and routes vary
 *       while the statement does not, so {@code /users/123/orders} and {@code /users/456/orders}
 *       share a fingerprint. A one-segment path ({@code /health}) stays;</li>
 *   <li>the value of {@code key=value} (up to a blank, {@code ,}, {@code ;} or {@code &},
 *       bracketed groups kept whole), except that the value of a message key ({@code msg},
 *       {@code message}, {@code error}, {@code err}, {@code event}, {@code log}) is itself
 *       templated and the value of a level key ({@code level}, {@code lvl}, {@code severity}, …)
 *       is kept.</li>
 * </ul>
 * Words without digits are otherwise constant. Variables separated only by blanks and separator
 * punctuation (<code>, ; : . / \ - _ ( ) [ ] { } " ' ` + ~</code>) collapse into one placeholder,
 * brackets opened inside being closed with it: {@code 2024-01-02T03:04:05.678Z},
 * {@code 10.0.0.1:8080} and {@code 12 bytes (0 KB)} each become one, and lists of any length
 * become alike. A sign before a number ({@code <1 sec}, {@code +0x1d}) goes with it. Blank runs
 * become one space. So log prefixes (timestamps in the usual formats, epoch millis,
 * {@code [25320]}, {@code [pool-1-thread-3]}, request ids) are masked like any variable part;
 * the level and a thread name without digits ({@code [main]}) stay.
 *
 * <h2>JSON lines</h2>
 * A line ending in a JSON object is templated from the object's level ({@code level},
 * {@code lvl}, {@code severity}, {@code loglevel}, {@code levelname}, {@code log.level},
 * {@code severity_text}) and message fields ({@code msg}, {@code message}, {@code error},
 * {@code err}, {@code event}, {@code log}: at most four, in order, each templated like a message of
 * its own with JSON escapes undone, so a record wrapped by the log driver in
 * <code>{"log":"…"}</code> is read inside), ignoring every other field. A record with no message
 * field is templated from its key names in order, with every value but the level masked. Text
 * before the object is templated as usual. The scan is a tolerant hand scan, not a full parse;
 * malformed JSON is templated as text.
 *
 * <h2>Multi-line events</h2>
 * An event with several lines that looks like a stack trace (it has {@code at …} frames,
 * {@code Caused by:}, a Python {@code Traceback} or {@code File "…"} frame, a Go
 * {@code goroutine N [} header, or an exception line such as {@code java.io.IOException: …})
 * is identified by the crash, not by its frames' line numbers or addresses. Its template has up to
 * three lines:
 * <ol>
 *   <li>the template of the first line (the log statement, or the exception and its message);</li>
 *   <li>the type of the last exception: Java's root {@code Caused by:} type, the final
 *       {@code XxxError: …} line of a Python traceback, or an exception line after a log line;
 *       absent when the first line is the only exception;</li>
 *   <li>the crash site, templated: for Java, .NET and Node the first {@code at} frame of that last
 *       exception without its arguments or position ({@code com.x.Y.m}); for Python the last
 *       {@code File "<*>", line <*>, in f} frame (the function); for Go the function of the
 *       panicking goroutine's top frame.</li>
 * </ol>
 * So two traces of one crash from different builds (shifted line numbers) or goroutines share a
 * fingerprint, while a different root exception type or crash site does not. A multi-line event
 * that is not a trace is templated line by line.
 *
 * <h2>The fingerprint</h2>
 * 16 lowercase hex digits of a 64-bit hash of the template's text: FNV-1a 64 over its UTF-16 code
 * units, finished by MurmurHash3's {@code fmix64}. It depends only on the template's text
 * ({@code fingerprint64(m) == hashTemplate(template(m))}), so it is the same across JVMs, runs and
 * Java versions, and changes only when these rules do. A null message counts as empty.
 */
public final class LegacyFingerprinter {

    /** The placeholder that stands for a variable part in a template. */
    public static final String VARIABLE = "<*>";

    private static final java.util.HexFormat LOWER_HEX = java.util.HexFormat.of();
    /** Messages up to this length are copied into a per-thread buffer; longer ones get their own. */
    private static final int BUFFERED_LENGTH = 16 * 1024;
    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    private LegacyFingerprinter() {
    }

    /** The message with its variable parts replaced by {@value #VARIABLE}. */
    public static String template(String message) {
        if (message == null) {
            return "";
        }
        return write(message).text();
    }

    /** The fingerprint as 16 lowercase hex digits; equal to {@code toHex(fingerprint64(message))}. */
    public static String fingerprint(String message) {
        return toHex(fingerprint64(message));
    }

    /**
     * The fingerprint as a number, for callers that key maps or partitions by it; equal to
     * {@code hashTemplate(template(message))}.
     */
    public static long fingerprint64(String message) {
        return write(message == null ? "" : message).hash();
    }

    /** The fingerprint number of a template text, as built by {@link #template(String)}. */
    public static long hashTemplate(String template) {
        return TemplateWriter.hash(template.toCharArray(), 0, template.length());
    }

    /** A fingerprint number as 16 lowercase hex digits. */
    public static String toHex(long fingerprint) {
        return LOWER_HEX.toHexDigits(fingerprint); // builds the Latin-1 string in place, no char[] to compress
    }

    /** Templates the message into this thread's writer, which holds the result until the next call. */
    private static TemplateWriter write(String message) {
        Workspace ws = WORKSPACE.get();
        int n = message.length();
        char[] chars;
        if (n > BUFFERED_LENGTH) {
            chars = message.toCharArray();
        } else {
            chars = ws.message;
            if (chars.length < n) {
                chars = new char[Math.max(n, 2 * chars.length)];
                ws.message = chars;
            }
            message.getChars(0, n, chars, 0);
        }
        TemplateWriter w = ws.writer;
        w.reset();
        TemplateScanner.message(chars, 0, n, w, 0, message.indexOf('\n'));
        w.endLine();
        return w;
    }

    /** Per-thread scratch space, so that templating plain text allocates nothing. */
    private static final class Workspace {
        char[] message = new char[1024];
        final TemplateWriter writer = new TemplateWriter();
    }
}
