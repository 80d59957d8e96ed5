package io.ecsmonitor.classifier.stitch;

import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * The first {@code size} lines of a stream's buffer as an immutable list, without copying them: the buffer
 * only ever appends to its array and starts a new array when it is cleared, so the lines a view covers never
 * change. Taking a {@link StreamBuffer} of a long trace after each of its lines therefore costs nothing per
 * line already held.
 */
final class LinesView extends AbstractList<String> implements RandomAccess {

    private final String[] lines;
    private final int size;

    LinesView(String[] lines, int size) {
        this.lines = lines;
        this.size = size;
    }

    @Override
    public String get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("line " + index + " of " + size);
        }
        return lines[index];
    }

    @Override
    public int size() {
        return size;
    }
}
