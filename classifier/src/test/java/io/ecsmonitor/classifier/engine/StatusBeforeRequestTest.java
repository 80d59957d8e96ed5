package io.ecsmonitor.classifier.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecsmonitor.classifier.EquivalenceLines;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The hand matcher of {@link AccessLogParser#statusBefore} finds what the regular expression it replaced
 * found: the same status of the last match, on real records, on every prefix of the equivalence lines and
 * on random texts made of the characters the expression cares about.
 */
class StatusBeforeRequestTest {

    /** The expression as it was, and its use. */
    private static final Pattern LEGACY = Pattern.compile(
            "(?:^|\\s)(?:-?\\d+(?:\\.\\d+)?\\s+-?\\d+(?:\\.\\d+)?\\s+-?\\d+(?:\\.\\d+)?|[-+]?\\d+(?:/[-+]?\\d+){3,})"
                    + "\\s+([1-5]\\d\\d|-|0)\\s+(?:[1-5]\\d\\d|-|\\d+)\\s");

    private static int legacyStatusBefore(String prefix) {
        Matcher m = LEGACY.matcher(prefix + " ");
        int status = -2;
        while (m.find()) {
            String s = m.group(1);
            status = s.length() == 3 ? Integer.parseInt(s) : -1;
        }
        return status;
    }

    @Test
    void shouldReadTheStatusOfAlbAndHaproxyRecords() {
        assertThat(AccessLogParser.statusBefore("2017-06-26T08:38:27.991796Z app 172.27.19.150:43326 172.27.19.217:80 "
                + "0.00008 0.000626 0.000057 503 502 566 326 ")).isEqualTo(503);
        assertThat(AccessLogParser.statusBefore("127.0.0.1:49992 [09/Mar/2021:18:06:11.823] main app/<NOSRV> "
                + "0/-1/-1/-1/0 504 212 - - SC-- 0/0/0/0/0 0/0 ")).isEqualTo(504);
        assertThat(AccessLogParser.statusBefore("h2 2024-01-01T00:00:00Z app 1.2.3.4:5 - -1 -1 -1 - 0 0 0 ")).isEqualTo(-1);
        assertThat(AccessLogParser.statusBefore("172.20.48.154 - - [12/Sep/2017:15:10:41 +0000] ")).isEqualTo(-2);
    }

    @Test
    void shouldFindWhatTheRegularExpressionFound() {
        List<String> texts = new ArrayList<>();
        for (String line : EquivalenceLines.all()) {
            int quote = line.indexOf('"');
            texts.add(quote >= 0 ? line.substring(0, quote) : line);
        }
        Random random = new Random(13);
        String[] pieces = {" ", "  ", "\t", "\n", "\u000b", "\f", "\r", "\u00a0", "0", "1", "5", "6", "9", "503", "200",
            "599", "600", "0.5", ".", "/", "-", "+", "-1", "x", "a:", "12/3/4/5", "1/2/3", "-1/-1/-1/0", "+1/+2/-3/4/5",
            "0.1 0.2 0.3", "1 2 3 ", "- ", "0 ", "5034", "1.2.3"};
        for (int k = 0; k < 200_000; k++) {
            StringBuilder b = new StringBuilder();
            int parts = 1 + random.nextInt(14);
            for (int p = 0; p < parts; p++) {
                b.append(pieces[random.nextInt(pieces.length)]);
            }
            texts.add(b.toString());
        }
        // record-like texts: number-shaped tokens between blanks, so that most of them match somewhere
        String[] tokens = {"0.00008", "-1", "12", "503", "502", "200", "599", "- ", "-", "0", "5034", "1/2/3/4", "0/-1/-1/-1/0",
            "+1/2/3", "1/2/3/4/5/6", "x", "1.", ".5", "1.2.3", "SC--", "[01/Jan/2024:00:00:00]", "50", "1e3"};
        String[] blanks = {" ", " ", " ", "  ", "\t", " \n", "\r", "\u000b", "\f"};
        for (int k = 0; k < 100_000; k++) {
            StringBuilder b = new StringBuilder();
            int parts = 2 + random.nextInt(10);
            for (int p = 0; p < parts; p++) {
                if (p > 0 || random.nextBoolean()) {
                    b.append(blanks[random.nextInt(blanks.length)]);
                }
                b.append(tokens[random.nextInt(tokens.length)]);
            }
            if (random.nextBoolean()) {
                b.append(blanks[random.nextInt(blanks.length)]);
            }
            texts.add(b.toString());
        }
        int matched = 0;
        for (String text : texts) {
            int expected = legacyStatusBefore(text);
            assertThat(AccessLogParser.statusBefore(text)).as("[" + text + "]").isEqualTo(expected);
            matched += expected != -2 ? 1 : 0;
        }
        assertThat(matched).isGreaterThan(10_000);
    }
}
