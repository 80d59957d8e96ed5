package io.ecsmonitor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JsonLineScannerTest {

    private final JsonLineScanner scanner = new JsonLineScanner();

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private String scan(String line) {
        byte[] b = utf8(line);
        return scanner.message(b, 0, b.length);
    }

    /** What the single-threaded reader made of a line: its message, "null" for none, or the rejection. */
    private static String slowPath(byte[] line) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(line)).toString();
        } catch (CharacterCodingException e) {
            return "rejected: not UTF-8";
        }
        try {
            return String.valueOf(JsonMessage.extract(text));
        } catch (JsonMessage.Invalid e) {
            return "rejected: " + e.getMessage();
        }
    }

    /** The scanner either leaves the line to the slow path or gives exactly the slow path's answer. */
    private void assertAgreesWithTheSlowPath(byte[] line) {
        String fast = scanner.message(line, 0, line.length);
        if (fast != JsonLineScanner.UNSURE) {
            assertThat(String.valueOf(fast)).as("line %s", new String(line, StandardCharsets.UTF_8)).isEqualTo(slowPath(line));
        }
    }

    @Test
    void shouldDecodeEscapesAndSurrogatePairsLikeTheStringParser() {
        assertThat(scan("{\"message\":\"a\\nb\\t\\\"q\\\" \\\\ \\/ \\b\\f\\r\"}")).isEqualTo("a\nb\t\"q\" \\ / \b\f\r");
        assertThat(scan("{\"message\":\"nul \\u0000 end\"}")).isEqualTo("nul \u0000 end");
        assertThat(scan("{\"message\":\"e \\u00e9 \\u00E9 \\u20ac\"}")).isEqualTo("e é é €");
        // a surrogate pair, escaped and raw; a lone escaped surrogate is kept as the string parser keeps it
        assertThat(scan("{\"message\":\"\\ud83d\\ude00 😀 caf\u00e9\"}")).isEqualTo("\ud83d\ude00 😀 café");
        assertThat(scan("{\"message\":\"lone \\ud83d!\"}")).isEqualTo("lone \ud83d!");
        assertThat(scan("{\"message\":\"héllo \\n wörld\"}")).isEqualTo("héllo \n wörld");
        assertThat(scan("{\"message\":\"\"}")).isEmpty();
    }

    @Test
    void shouldTakeOnlyTheTopLevelMessageAndTheLastStringOne() {
        assertThat(scan("{\"a\":{\"message\":\"nested\",\"b\":[{\"message\":\"deeper\"}]},\"message\":\"top\"}")).isEqualTo("top");
        assertThat(scan("{\"message\":\"first\",\"message\":\"second\"}")).isEqualTo("second");
        assertThat(scan("{\"message\":\"kept\",\"message\":42}")).isEqualTo("kept");
        assertThat(scan("{\"message\":null}")).isNull();
        assertThat(scan("{\"message\":{\"message\":\"inner\"}}")).isNull();
        assertThat(scan("{\"msg\":\"x\",\"messages\":\"y\",\"Message\":\"z\"}")).isNull();
        assertThat(scan("{}")).isNull();
        assertThat(scan("  {  \"message\" : \"spaced\" ,\r\"n\" : 1 }\t ")).isEqualTo("spaced");
    }

    @Test
    void shouldAcceptEveryKindOfValue() {
        assertThat(scan("{\"n\":[0,-0,12,-3.25,1e9,1E+2,2.5e-3,-1.0E-10],\"t\":true,\"f\":false,\"z\":null,"
                + "\"o\":{\"a\":{\"b\":[[],{}]}},\"s\":\"x\",\"message\":\"ok\"}")).isEqualTo("ok");
    }

    @Test
    void shouldLeaveToTheSlowPathWhatItDoesNotDecide() {
        for (String line : List.of("", "   ", "[1,2]", "not json", "{\"message\":\"x\"} trailing", "{\"message\":\"x\"",
                "{\"message\":\"unterminated}", "{\"message\" \"x\"}", "{\"a\":tru}", "{\"a\":1,}", "{\"a\":-}", "{\"a\":1.}",
                "{\"a\":1e}", "{\"a\":\"bad \\x escape\"}", "{\"a\":\"\\u12\"}", "{\"a\":\"\\u12g4\"}",
                "{\"message\":\"raw\ttab\"}", "{\"a\":١}", "{\"message\":\"x\",}", "{'message':'x'}", "{\"message\":\"x\"}}")) {
            assertThat(scan(line)).as(line).isSameAs(JsonLineScanner.UNSURE);
        }
        assertThat(scan("[".repeat(300) + "]".repeat(300))).isSameAs(JsonLineScanner.UNSURE);
        assertThat(scan("{\"a\":" + "[".repeat(300) + "]".repeat(300) + "}")).isSameAs(JsonLineScanner.UNSURE);
    }

    @Test
    void shouldLeaveInvalidUtf8ToTheSlowPath() {
        byte[][] bad = {
            {(byte) 0xc0, (byte) 0x80}, // overlong NUL
            {(byte) 0xe0, (byte) 0x80, (byte) 0x80}, // overlong
            {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, // a surrogate
            {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // above U+10FFFF
            {(byte) 0xf5, (byte) 0x80, (byte) 0x80, (byte) 0x80},
            {(byte) 0xc3}, // cut short
            {(byte) 0x80}, // a lone continuation byte
            {(byte) 0xe2, (byte) 0x82}, // cut short before the quote
        };
        for (byte[] seq : bad) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            line.writeBytes(utf8("{\"message\":\"a"));
            line.writeBytes(seq);
            line.writeBytes(utf8("\"}"));
            byte[] b = line.toByteArray();
            assertThat(scanner.message(b, 0, b.length)).isSameAs(JsonLineScanner.UNSURE);
            assertThat(slowPath(b)).startsWith("rejected");
        }
    }

    @Test
    void shouldEndALineAtItsNewlineWithoutLookingForItFirst() {
        byte[] b = utf8("{\"message\":\"one\"}\r\n{\"message\":\"two\"}\n{\"message\":\"three\"}");
        int end = scanner.scan(b, 0, b.length);
        assertThat(b[end]).isEqualTo((byte) '\n');
        assertThat(scanner.message()).isEqualTo("one");
        int end2 = scanner.scan(b, end + 1, b.length);
        assertThat(scanner.message()).isEqualTo("two");
        assertThat(scanner.scan(b, end2 + 1, b.length)).isEqualTo(b.length);
        assertThat(scanner.message()).isEqualTo("three");
        // a raw newline inside a string: not one valid line, the caller finds the end itself
        byte[] split = utf8("{\"message\":\"broken\nhalf\"}\n");
        assertThat(scanner.scan(split, 0, split.length)).isEqualTo(-1);
        // a newline between tokens ends the line too early: not valid
        byte[] early = utf8("{\"message\":\n\"x\"}");
        assertThat(scanner.scan(early, 0, early.length)).isEqualTo(-1);
    }

    @Test
    void shouldAgreeWithTheSlowPathOnRandomlyDamagedLines() {
        List<String> seeds = List.of(
                "{\"timestamp\":1700000000123,\"logStream\":\"ecs/api/abc\",\"message\":\"java.lang.IllegalStateException: boom\\n\\tat x.Y(Y.java:1)\"}",
                "{\"message\":\"caf\u00e9 \u2028 😀 \\u00e9\\ud83d\\ude00\",\"n\":[1,-2.5e3,true,false,null,{\"message\":\"no\"}]}",
                "{\"a\":{\"b\":[{},[]]},\"message\":\"\\\"quoted\\\" \\\\ \\/\",\"c\":\"\"}");
        byte[] alphabet = utf8("{}[]\",:\\ntu0123456789e.-+ \t\rabcxyz\u00e9😀");
        Random random = new Random(42);
        for (String seed : seeds) {
            byte[] original = utf8(seed);
            assertAgreesWithTheSlowPath(original);
            for (int round = 0; round < 3000; round++) {
                byte[] line = original.clone();
                int edits = 1 + random.nextInt(3);
                for (int e = 0; e < edits; e++) {
                    int at = random.nextInt(line.length);
                    switch (random.nextInt(3)) {
                        case 0 -> line[at] = alphabet[random.nextInt(alphabet.length)];
                        case 1 -> line[at] = (byte) random.nextInt(256);
                        default -> {
                            byte[] shorter = new byte[line.length - 1];
                            System.arraycopy(line, 0, shorter, 0, at);
                            System.arraycopy(line, at + 1, shorter, at, line.length - at - 1);
                            line = shorter;
                        }
                    }
                    if (line.length == 0) {
                        break;
                    }
                }
                if (Bytes.indexOf(line, 0, line.length, (byte) '\n') < 0) {
                    assertAgreesWithTheSlowPath(line);
                }
            }
        }
    }
}
