package dev.aiq.agent.yaml;

import java.nio.file.Path;
import java.util.Arrays;
import org.yaml.snakeyaml.error.Mark;

/**
 * Where each character of a file's text after variable expansion was written in the file, so that positions SnakeYAML
 * reports in the expanded text point at the file as the developer sees it: text kept as written maps to itself, an
 * expanded reference maps to its {@code $}. Internal.
 */
final class SourceMap {

    /** Collects the pieces of an expansion in order: text kept as written, and replacements. */
    static final class Builder {

        private int[] outStart = new int[16];
        private int[] inStart = new int[16];
        private boolean[] kept = new boolean[16];
        private int size;
        private int outLength;
        private boolean changed;

        /** {@code length} characters kept as written, from {@code from} in the original. */
        void literal(int from, int length) {
            add(from, length, true);
        }

        /** A replacement of {@code length} characters for the reference written at {@code at}. */
        void replaced(int at, int length) {
            changed = true;
            add(at, length, false);
        }

        private void add(int in, int length, boolean literal) {
            if (size == outStart.length) {
                outStart = Arrays.copyOf(outStart, size * 2);
                inStart = Arrays.copyOf(inStart, size * 2);
                kept = Arrays.copyOf(kept, size * 2);
            }
            outStart[size] = outLength;
            inStart[size] = in;
            kept[size] = literal;
            size++;
            outLength += length;
        }

        SourceMap build(String original, String expanded) {
            return changed ? new SourceMap(this, original, expanded) : IDENTITY;
        }
    }

    /** The map of a text that expansion left as it was. */
    static final SourceMap IDENTITY = new SourceMap();

    private final int[] outStart;
    private final int[] inStart;
    private final boolean[] kept;
    private final int size;
    private final String original;
    private final String expanded;
    private final int[] originalLines;
    private final int[] expandedLines;

    private SourceMap() {
        this.outStart = null;
        this.inStart = null;
        this.kept = null;
        this.size = 0;
        this.original = null;
        this.expanded = null;
        this.originalLines = null;
        this.expandedLines = null;
    }

    private SourceMap(Builder builder, String original, String expanded) {
        this.outStart = builder.outStart;
        this.inStart = builder.inStart;
        this.kept = builder.kept;
        this.size = builder.size;
        this.original = original;
        this.expanded = expanded;
        this.originalLines = lineStarts(original);
        this.expandedLines = lineStarts(expanded);
    }

    /** Returns the position in the file of {@code mark}, a place in the expanded text. */
    Position at(Path file, Mark mark) {
        if (this == IDENTITY) {
            return new Position(file, mark.getLine() + 1, mark.getColumn() + 1);
        }
        int[] lineColumn = lineColumn(originalOffset(expandedOffset(mark.getLine(), mark.getColumn())));
        return new Position(file, lineColumn[0], lineColumn[1]);
    }

    /** Returns {@code line N, column M} of {@code mark} in the file, for messages that name a second place. */
    String where(Path file, Mark mark) {
        Position position = at(file, mark);
        return "line " + position.line() + ", column " + position.column();
    }

    /** Returns the position in the file of {@code offset}, a character offset in the original text. */
    Position atOriginal(Path file, int offset, String text) {
        int[] lines = this == IDENTITY ? lineStarts(text) : originalLines;
        int[] lineColumn = lineColumn(lines, text, offset);
        return new Position(file, lineColumn[0], lineColumn[1]);
    }

    private int expandedOffset(int line, int column) {
        int start = expandedLines[Math.min(line, expandedLines.length - 1)];
        int offset = start;
        for (int i = 0; i < column && offset < expanded.length(); i++) {
            offset += Character.charCount(expanded.codePointAt(offset));
        }
        return offset;
    }

    private int originalOffset(int expandedOffset) {
        int segment = Arrays.binarySearch(outStart, 0, size, expandedOffset);
        if (segment < 0) {
            segment = -segment - 2;
        }
        if (segment < 0) {
            return 0;
        }
        // Zero-length pieces share a start; the last of them is the one that holds the offset.
        while (segment + 1 < size && outStart[segment + 1] == expandedOffset) {
            segment++;
        }
        return kept[segment] ? inStart[segment] + (expandedOffset - outStart[segment]) : inStart[segment];
    }

    private int[] lineColumn(int offset) {
        return lineColumn(originalLines, original, offset);
    }

    private static int[] lineColumn(int[] lines, String text, int offset) {
        int line = Arrays.binarySearch(lines, offset);
        if (line < 0) {
            line = -line - 2;
        }
        int start = lines[line];
        int end = Math.min(offset, text.length());
        return new int[] {line + 1, text.codePointCount(start, Math.max(start, end)) + 1};
    }

    /** Starts of lines as SnakeYAML counts them: after LF, NEL, LS, PS, and a CR not followed by LF. */
    private static int[] lineStarts(String text) {
        int[] starts = new int[64];
        int count = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean lineBreak = c == '\n' || c == '\u0085' || c == '\u2028' || c == '\u2029'
                    || (c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'));
            if (lineBreak) {
                if (count == starts.length) {
                    starts = Arrays.copyOf(starts, count * 2);
                }
                starts[count++] = i + 1;
            }
        }
        return Arrays.copyOf(starts, count);
    }
}
