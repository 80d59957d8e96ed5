package io.ecsmonitor.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;

/**
 * Cuts a byte stream into numbered chunks of whole lines, for workers that split, decode and
 * classify the lines of a chunk on their own. A chunk ends just after a newline (or at the end of the
 * input), so no line spans two chunks; a line too long for a chunk buffer and for the line limit is
 * not kept but handed on as a chunk of its own that only says how long the line was. From a live pipe
 * a chunk holds the whole lines that have come in so far, so their output need not wait for more.
 *
 * <p>Buffers come from a free list that the workers refill, so a large input allocates a handful of
 * them, not one per chunk.
 */
final class ChunkReader {

    /** Bytes read into one chunk; big enough that the hand-over between threads costs nothing. */
    static final int CHUNK_BYTES = 1 << 20;

    /** A run of whole lines: {@code data[0, length)}, or a single over-long line ({@code overlongBytes >= 0}). */
    static final class Chunk {
        final long index;
        final byte[] data;
        final int length;
        /** The length (bytes before its newline) of a line that was too long to keep, or -1. */
        final long overlongBytes;
        /** Whether {@code data} is a pooled buffer to give back once the chunk is done. */
        final boolean pooled;

        Chunk(long index, byte[] data, int length, long overlongBytes, boolean pooled) {
            this.index = index;
            this.data = data;
            this.length = length;
            this.overlongBytes = overlongBytes;
            this.pooled = pooled;
        }
    }

    private final InputStream in;
    private final int maxLineBytes;
    private final BlockingQueue<byte[]> free;
    private final int maxBuffers;
    private final int chunkBytes;
    private int buffers;
    /** The start of the next chunk's first line, read with the previous chunk. */
    private byte[] carry = new byte[1024];
    private int carryLength;
    private boolean eof;
    private long nextIndex;

    /**
     * @param free       pooled buffers given back by the workers
     * @param maxBuffers how many pooled buffers may exist; the reader waits for one beyond that
     * @param chunkBytes the size of a pooled buffer ({@link #CHUNK_BYTES}; tests use small ones)
     */
    ChunkReader(InputStream in, int maxLineBytes, BlockingQueue<byte[]> free, int maxBuffers, int chunkBytes) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
        this.free = free;
        this.maxBuffers = maxBuffers;
        this.chunkBytes = chunkBytes;
    }

    /** The next chunk, or null at the end of the input. */
    Chunk next() throws IOException, InterruptedException {
        if (eof && carryLength == 0) {
            return null;
        }
        byte[] b = buffer();
        if (carryLength > b.length) {
            b = grow(b, carryLength * 2);
        }
        System.arraycopy(carry, 0, b, 0, carryLength);
        int len = carryLength;
        carryLength = 0;
        while (true) {
            len = fill(b, len);
            if (eof) {
                return len == 0 ? null : new Chunk(nextIndex++, b, len, -1, isPooled(b));
            }
            int last = lastNewline(b, len);
            if (last >= 0) {
                keepCarry(b, last + 1, len);
                return new Chunk(nextIndex++, b, last + 1, -1, isPooled(b));
            }
            // the whole buffer is the start of one line
            if (len > maxLineBytes) {
                return new Chunk(nextIndex++, b, 0, skipLine(b, len), isPooled(b));
            }
            b = grow(b, b.length * 2);
        }
    }

    /** A bigger copy of {@code b}; a pooled buffer left behind no longer counts against the pool. */
    private byte[] grow(byte[] b, int size) {
        if (isPooled(b)) {
            buffers--;
        }
        return Arrays.copyOf(b, Math.max(size, chunkBytes + 1));
    }

    /** Pooled buffers have exactly the chunk size; grown ones are bigger. */
    private boolean isPooled(byte[] b) {
        return b.length == chunkBytes;
    }

    private byte[] buffer() throws InterruptedException {
        byte[] b = free.poll();
        if (b != null) {
            return b;
        }
        if (buffers < maxBuffers) {
            buffers++;
            return new byte[chunkBytes];
        }
        return free.take();
    }

    /**
     * Reads until {@code b} is full, the input ends, or (a live pipe) nothing more is available for
     * now while a whole line is in; returns the bytes now in {@code b}.
     */
    private int fill(byte[] b, int len) throws IOException {
        boolean wholeLine = false;
        while (len < b.length) {
            int n = in.read(b, len, b.length - len);
            if (n < 0) {
                eof = true;
                break;
            }
            wholeLine = wholeLine || Bytes.indexOf(b, len, len + n, (byte) '\n') >= 0;
            len += n;
            if (wholeLine && in.available() <= 0) {
                break;
            }
        }
        return len;
    }

    private void keepCarry(byte[] b, int from, int to) {
        int n = to - from;
        if (n > carry.length) {
            carry = new byte[Math.max(n, carry.length * 2)];
        }
        System.arraycopy(b, from, carry, 0, n);
        carryLength = n;
    }

    /**
     * Reads past the rest of a line whose first {@code seen} bytes are in {@code b}, which it reuses;
     * keeps what follows the newline for the next chunk. Returns the line's length.
     */
    private long skipLine(byte[] b, int seen) throws IOException {
        long length = seen;
        while (true) {
            int len = fill(b, 0);
            int nl = Bytes.indexOf(b, 0, len, (byte) '\n');
            if (nl >= 0) {
                keepCarry(b, nl + 1, len);
                return length + nl;
            }
            length += len;
            if (eof) {
                return length;
            }
        }
    }

    private static int lastNewline(byte[] b, int len) {
        for (int i = len - 1; i >= 0; i--) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
