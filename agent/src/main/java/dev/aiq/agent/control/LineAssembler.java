package dev.aiq.agent.control;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Collects bytes read from a channel and cuts them into UTF-8 lines, refusing a line longer than a limit. Not
 * thread-safe. Internal.
 */
final class LineAssembler {

    private final int maxLineBytes;
    private byte[] bytes = new byte[512];
    private int length;
    private int scanned;
    private boolean overflowed;

    LineAssembler(int maxLineBytes) {
        this.maxLineBytes = maxLineBytes;
    }

    /** Appends what {@code buffer} holds between its position and limit. */
    void append(ByteBuffer buffer) {
        int count = buffer.remaining();
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
        for (int i = scanned; i < length; i++) {
            if (bytes[i] != '\n') {
                continue;
            }
            if (i > maxLineBytes) {
                overflowed = true;
                return null;
            }
            int end = i > 0 && bytes[i - 1] == '\r' ? i - 1 : i;
            String line = new String(bytes, 0, end, StandardCharsets.UTF_8);
            System.arraycopy(bytes, i + 1, bytes, 0, length - i - 1);
            length -= i + 1;
            scanned = 0;
            return line;
        }
        scanned = length;
        overflowed = length > maxLineBytes;
        return null;
    }

    /** Whether a line longer than the limit arrived: nothing more can be read from this stream. */
    boolean overflowed() {
        return overflowed;
    }
}
