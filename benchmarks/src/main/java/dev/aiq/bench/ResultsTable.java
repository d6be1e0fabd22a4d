package dev.aiq.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The results table of a Markdown file (by default {@code docs/performance.md}): the text between its
 * {@code results} markers. A run of every benchmark rewrites that text; a run of some replaces only their rows and
 * adds one line saying when and where they were measured, keeping every other row, note and footnote. Internal.
 */
final class ResultsTable {

    static final String BEGIN = "<!-- results:begin (written by benchmarks/run) -->";
    static final String END = "<!-- results:end -->";
    private static final String HEADER = "| metric | target | measured | result |";
    private static final String SEPARATOR = "|---|---|---|---|";

    private ResultsTable() {
    }

    /**
     * One benchmark's part of the table.
     *
     * @param rowPrefix how the metric of each of its rows begins
     * @param results   its rows from this run, or null when it did not run
     */
    record Part(String rowPrefix, List<Result> results) {
    }

    /** The whole results text of a run of every benchmark: the table, then {@code notes} (Markdown lines). */
    static String whole(List<Part> parts, String lead, List<String> notes) {
        StringBuilder b = new StringBuilder(BEGIN).append("\n\n").append(lead);
        b.append(HEADER).append('\n').append(SEPARATOR).append('\n');
        for (Part part : parts) {
            for (Result r : part.results()) {
                b.append(row(r)).append('\n');
            }
        }
        b.append('\n');
        notes.forEach(note -> b.append(note).append('\n'));
        return b.append('\n').append(END).toString();
    }

    /**
     * Writes a partial run into {@code file}: the rows of the parts that ran replace theirs, in the parts' order;
     * the rows of the others stay, and {@code runNote} (one Markdown list line) replaces the line of an earlier run
     * of the same command or goes after the table's own notes. Without a table in the file, the run's rows alone.
     */
    static void mergeInto(Path file, List<Part> parts, String lead, String runNote, String runNotePrefix) {
        String text = read(file);
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        List<String> block = begin >= 0 && end > begin
                ? new ArrayList<>(text.substring(begin + BEGIN.length(), end).lines().toList()) : List.of();
        int header = block.indexOf(HEADER);
        if (header < 0) {
            List<Part> ran = parts.stream().filter(p -> p.results() != null).toList();
            write(file, whole(ran, lead, List.of(runNote)));
            return;
        }
        int firstRow = header + 2;
        int afterRows = firstRow;
        while (afterRows < block.size() && block.get(afterRows).startsWith("|")) {
            afterRows++;
        }
        List<String> oldRows = block.subList(firstRow, afterRows);
        List<String> rows = new ArrayList<>();
        for (Part part : parts) {
            if (part.results() != null) {
                part.results().forEach(r -> rows.add(row(r)));
            } else {
                oldRows.stream().filter(line -> isRowOf(line, part)).forEach(rows::add);
            }
        }
        oldRows.stream().filter(line -> parts.stream().noneMatch(p -> isRowOf(line, p))).forEach(rows::add);
        List<String> notes = new ArrayList<>(block.subList(afterRows, block.size()));
        int earlier = indexOfPrefix(notes, runNotePrefix);
        if (earlier >= 0) {
            notes.set(earlier, runNote);
        } else {
            int last = lastNonBlank(notes);
            notes.addAll(last + 1, last < 0 ? List.of("", runNote, "") : List.of(runNote));
        }
        List<String> merged = new ArrayList<>(block.subList(0, firstRow));
        merged.addAll(rows);
        merged.addAll(notes);
        write(file, BEGIN + String.join("\n", merged) + "\n" + END);
    }

    /** Replaces the text between the markers of {@code file}, or the whole file if it has none. */
    static void write(Path file, String results) {
        String text = read(file);
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        String updated = begin >= 0 && end > begin
                ? text.substring(0, begin) + results + text.substring(end + END.length())
                : "# Performance\n\n" + results + "\n";
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, updated, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The parts in {@code order}, each with its rows from {@code ran} (null for those that did not run). */
    static List<Part> parts(Map<String, String> rowPrefixes, Map<String, List<Result>> ran) {
        return rowPrefixes.entrySet().stream().map(e -> new Part(e.getValue(), ran.get(e.getKey()))).toList();
    }

    private static String row(Result r) {
        return "| " + r.metric() + " | " + r.target() + " | " + r.measured().replace("|", "\\|") + " | "
                + (r.pass() ? "pass" : "**FAIL**") + " |";
    }

    private static boolean isRowOf(String line, Part part) {
        return line.startsWith("| " + part.rowPrefix());
    }

    private static int indexOfPrefix(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    private static int lastNonBlank(List<String> lines) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (!lines.get(i).isBlank()) {
                return i;
            }
        }
        return -1;
    }

    private static String read(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
