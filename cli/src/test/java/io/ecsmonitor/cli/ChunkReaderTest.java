package io.ecsmonitor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.Test;

class ChunkReaderTest {

    /** A stream that hands out at most a few bytes per read, as a pipe may. */
    private static InputStream trickle(byte[] data) {
        return new ByteArrayInputStream(data) {
            private int call;

            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1 + (call++ % 7)));
            }
        };
    }

    /** Every line as the chunks carry it ("<overlong N>" for a line too long to keep), in order. */
    private static List<String> lines(InputStream in, int maxLineBytes, int chunkBytes) throws Exception {
        LinkedBlockingQueue<byte[]> free = new LinkedBlockingQueue<>();
        ChunkReader reader = new ChunkReader(in, maxLineBytes, free, 2, chunkBytes);
        List<String> lines = new ArrayList<>();
        long index = 0;
        boolean endedMidLine = false;
        ChunkReader.Chunk c;
        while ((c = reader.next()) != null) {
            assertThat(c.index).isEqualTo(index++);
            assertThat(endedMidLine).as("only the last chunk may end without a newline").isFalse();
            String text = new String(c.data, 0, c.length, StandardCharsets.UTF_8);
            if (c.length > 0) {
                endedMidLine = !text.endsWith("\n");
                String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
                lines.addAll(List.of(body.split("\n", -1)));
            }
            if (c.overlongBytes >= 0) {
                lines.add("<overlong " + c.overlongBytes + ">");
            }
            if (c.pooled) {
                free.add(c.data); // the worker's part: the reader never allocates more than its pool
            }
        }
        return lines;
    }

    @Test
    void shouldCutWholeLinesAcrossReadsAndChunks() throws Exception {
        StringBuilder in = new StringBuilder();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String line = "line " + i + " " + "x".repeat(i % 37);
            expected.add(line);
            in.append(line).append(i % 3 == 0 ? "\r\n" : "\n");
        }
        List<String> got = lines(trickle(in.toString().getBytes(StandardCharsets.UTF_8)), 1024, 64);

        assertThat(got).hasSize(200);
        for (int i = 0; i < 200; i++) {
            assertThat(got.get(i)).isEqualTo(expected.get(i) + (i % 3 == 0 ? "\r" : "")); // the CR is the worker's to strip
        }
    }

    @Test
    void shouldKeepALastLineWithoutNewline() throws Exception {
        assertThat(lines(trickle("a\nb\nlast".getBytes(StandardCharsets.UTF_8)), 1024, 16)).containsExactly("a", "b", "last");
        assertThat(lines(trickle("a\n\n".getBytes(StandardCharsets.UTF_8)), 1024, 16)).containsExactly("a", "");
        assertThat(lines(trickle(new byte[0]), 1024, 16)).isEmpty();
    }

    @Test
    void shouldGrowForALongLineWithinTheLimitAndSkipOneOverIt() throws Exception {
        String within = "w".repeat(1000);
        String over = "o".repeat(5000);
        String input = "first\n" + within + "\n" + over + "\r\n" + "after\n" + over + "x";
        List<String> got = lines(trickle(input.getBytes(StandardCharsets.UTF_8)), 1024, 64);

        // the CR before the newline counts in the length, as it always did
        assertThat(got).containsExactly("first", within, "<overlong 5001>", "after", "<overlong 5001>");
    }
}
