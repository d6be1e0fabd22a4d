package dev.aiq.agent.yaml;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * The bytes and text of one file: size checked before reading, decoded as strict UTF-8 (a byte order mark is
 * skipped), and refused if it holds characters YAML does not allow. Internal.
 *
 * @param bytes the file's bytes as read, for the content hash
 * @param text  the decoded text without a byte order mark
 */
record SourceText(byte[] bytes, String text) {

    /** Why a file cannot be used; line and column are 0 when the problem concerns the whole file. */
    static final class Unusable extends Exception {

        private static final long serialVersionUID = 1L;

        private final int line;
        private final int column;

        Unusable(int line, int column, String message) {
            super(message, null, false, false);
            this.line = line;
            this.column = column;
        }

        ConfigError in(Path file) {
            return new ConfigError(file, line, column, getMessage());
        }
    }

    /**
     * Reads {@code file} (following links) as UTF-8 text no larger than the limit, its bytes from {@code files}, or
     * with a bounded read from the disk when {@code files} is null. YAML loses its byte order mark and must hold only
     * characters YAML allows; other text (a {@code file://} prompt) is read as Python reads a text file: line ends
     * become {@code \n}, a byte order mark stays.
     */
    static SourceText load(Path file, Limits limits, SourceFiles files, boolean yaml) throws Unusable {
        byte[] bytes = readBytes(file, limits, files);
        boolean mark = hasByteOrderMark(bytes);
        String text = decode(bytes, mark ? 3 : 0);
        if (yaml) {
            checkPrintable(text);
            return new SourceText(bytes, text);
        }
        String lines = text.replace("\r\n", "\n").replace('\r', '\n');
        return new SourceText(bytes, mark ? '\ufeff' + lines : lines);
    }

    private static byte[] readBytes(Path file, Limits limits, SourceFiles files) throws Unusable {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            if (attributes.isDirectory()) {
                throw new Unusable(0, 0, "is a directory, not a file");
            }
            if (!attributes.isRegularFile()) {
                throw new Unusable(0, 0, "is not a regular file");
            }
            // Checked before reading so that a huge file costs nothing; the bounded read catches one that grows.
            if (attributes.size() > limits.maxFileBytes()) {
                throw tooLarge(limits);
            }
            byte[] bytes;
            if (files != null) {
                bytes = files.read(file);
            } else {
                try (InputStream in = Files.newInputStream(file)) {
                    bytes = in.readNBytes((int) limits.maxFileBytes() + 1);
                }
            }
            if (bytes.length > limits.maxFileBytes()) {
                throw tooLarge(limits);
            }
            return bytes;
        } catch (NoSuchFileException e) {
            throw new Unusable(0, 0, "file does not exist");
        } catch (IOException e) {
            throw new Unusable(0, 0, "cannot be read: " + Text.reason(e));
        }
    }

    private static Unusable tooLarge(Limits limits) {
        return new Unusable(0, 0, "file is larger than the " + limits.fileSizeInWords() + " limit");
    }

    private static boolean hasByteOrderMark(byte[] bytes) {
        return bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF;
    }

    private static String decode(byte[] bytes, int start) throws Unusable {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate(bytes.length - start);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw at(out.flip(), "not valid UTF-8 (byte 0x" + String.format("%02x", in.get(in.position()) & 0xFF)
                    + "); save the file as UTF-8");
        }
        result = decoder.flush(out);
        if (result.isError()) {
            throw at(out.flip(), "not valid UTF-8 (the file ends inside a character); save the file as UTF-8");
        }
        return out.flip().toString();
    }

    private static void checkPrintable(String text) throws Unusable {
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            if (!StreamReader.isPrintable(codePoint)) {
                throw at(CharBuffer.wrap(text, 0, i), String.format(
                        "control character U+%04X is not allowed in YAML; is this a binary file?", codePoint));
            }
            i += Character.charCount(codePoint);
        }
    }

    /** Returns a problem at the end of {@code before}, the text that precedes it. */
    private static Unusable at(CharSequence before, String message) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < before.length(); i++) {
            char c = before.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 == before.length() || before.charAt(i + 1) != '\n'))) {
                line++;
                column = 1;
            } else if (c != '\r' && !Character.isLowSurrogate(c)) {
                column++;
            }
        }
        return new Unusable(line, column, message);
    }
}
