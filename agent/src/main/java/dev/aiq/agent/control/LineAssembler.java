package dev.aiq.agent.control;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Collects bytes read from a channel and cuts them into UTF-8 lines, refusing a line longer than a limit: nothing
 * beyond the limit (and one read) is ever held. Not thread-safe. Internal.
 */
final class LineAssembler {

    private final int maxLineBytes;
    private byte[] bytes = new byte[512];
    /** Where the next line starts. */
    private int start;
    /** Where the received bytes end. */
    private int length;
    /** How far from {@link #start} a line break has been looked for. */
    private int scanned;
    private boolean overflowed;

    LineAssembler(int maxLineBytes) {
        this.maxLineBytes = maxLineBytes;
    }

    /** Appends what {@code buffer} holds between its position and limit; dropped once a line has overflowed. */
    void append(ByteBuffer buffer) {
        int count = buffer.remaining();
        if (overflowed) {
            buffer.position(buffer.limit());
            return;
        }
        if (start > 0) {
            // lines taken leave a gap at the front: close it once per read, not once per line
            System.arraycopy(bytes, start, bytes, 0, length - start);
            length -= start;
            start = 0;
        }
        if (length + count > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + count));
        }
        buffer.get(bytes, length, count);
        length += count;
    }

    /**
     * Returns the next complete line without its line break ({@code \n} or {@code \r\n}), or null when there is none
     * yet or the next line is over the limit (then {@link #overflowed()} is true and stays true).
     */
    String nextLine() {
        if (overflowed) {
            return null;
        }
        for (int i = start + scanned; i < length; i++) {
            if (bytes[i] != '\n') {
                continue;
            }
            if (i - start > maxLineBytes) {
                overflowed = true;
                return null;
            }
            int end = i > start && bytes[i - 1] == '\r' ? i - 1 : i;
            String line = new String(bytes, start, end - start, StandardCharsets.UTF_8);
            start = i + 1;
            scanned = 0;
            if (start == length) {
                start = 0;
                length = 0;
            }
            return line;
        }
        scanned = length - start;
        overflowed = scanned > maxLineBytes;
        return null;
    }

    /** Whether no byte is waiting: no line, complete or partial, has been received but not taken. */
    boolean isEmpty() {
        return length == start;
    }

    /** Whether a line longer than the limit arrived: nothing more can be read from this stream. */
    boolean overflowed() {
        return overflowed;
    }
}
