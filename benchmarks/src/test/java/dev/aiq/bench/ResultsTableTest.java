package dev.aiq.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsTableTest {

    private static final String BEFORE = "# Performance\n\nIntro.\n\n## Results\n\n";
    private static final String AFTER = "\n\nThe machine is shared.\n\n## How each figure is measured\n\n| a | b |\n|---|---|\n";
    private static final String TABLE = ResultsTable.BEGIN + "\n\n"
            + "| metric | target | measured | result |\n"
            + "|---|---|---|---|\n"
            + "| provider read after instrumentation | ≤ +1 ns/op | +1.21 ns/op ¹ | **FAIL** |\n"
            + "| save → live, delay=0, events | p50 ≤ 10 ms | p50 7.9 ms ² | pass |\n"
            + "| save → live, default delay 0.5 s | p50 ≤ 520 ms | p50 506.8 ms ² | pass |\n"
            + "| start-up cost of -javaagent | ≤ +150 ms | +67 ms | pass |\n"
            + "| an old row nobody writes any more | - | 1 | pass |\n"
            + "\n"
            + "- JDK: Debian 17\n"
            + "- Date: 2026-11-27, `benchmarks/run`\n"
            + "- ¹ Re-run the same evening\n"
            + "  with a continuation line.\n"
            + "\n"
            + "- ² Re-run with `benchmarks/run save-to-live`.\n"
            + "\n" + ResultsTable.END;

    @TempDir
    Path dir;

    @Test
    void aPartialRunReplacesOnlyItsOwnRowsAndKeepsEverythingElse() throws IOException {
        Path file = write(BEFORE + TABLE + AFTER);

        ResultsTable.mergeInto(file, parts(Map.of("provider-read", List.of(
                new Result("provider read, one config", "≤ +1 ns/op, +0 B/op", "+0.30 ns/op", true),
                new Result("provider read, a new equal `Path`", "≤ +5 ns/op, +0 B/op", "+2.00 ns/op | x", true)))),
                "", "- `benchmarks/run provider-read` re-measured its rows on 2026-12-01: JDK 17",
                "- `benchmarks/run provider-read` ");

        String text = Files.readString(file);
        assertThat(text).startsWith(BEFORE).endsWith(AFTER);
        assertThat(text).contains("| metric | target | measured | result |\n|---|---|---|---|\n"
                + "| provider read, one config | ≤ +1 ns/op, +0 B/op | +0.30 ns/op | pass |\n"
                + "| provider read, a new equal `Path` | ≤ +5 ns/op, +0 B/op | +2.00 ns/op \\| x | pass |\n"
                + "| save → live, delay=0, events | p50 ≤ 10 ms | p50 7.9 ms ² | pass |\n"
                + "| save → live, default delay 0.5 s | p50 ≤ 520 ms | p50 506.8 ms ² | pass |\n"
                + "| start-up cost of -javaagent | ≤ +150 ms | +67 ms | pass |\n"
                + "| an old row nobody writes any more | - | 1 | pass |\n"
                + "\n- JDK: Debian 17\n");
        assertThat(text).doesNotContain("provider read after instrumentation");
        assertThat(text).contains("- ² Re-run with `benchmarks/run save-to-live`.\n"
                + "- `benchmarks/run provider-read` re-measured its rows on 2026-12-01: JDK 17\n"
                + "\n" + ResultsTable.END);
    }

    @Test
    void theSameCommandRunAgainReplacesItsNoteInsteadOfAddingOne() throws IOException {
        Path file = write(BEFORE + TABLE + AFTER);
        for (String date : List.of("2026-12-01", "2026-12-02")) {
            ResultsTable.mergeInto(file, parts(Map.of("save-to-live", List.of(
                    new Result("save → live, delay=0, events", "p50 ≤ 3 ms", "p50 " + date, false)))),
                    "", "- `benchmarks/run save-to-live` re-measured its rows on " + date, "- `benchmarks/run save-to-live` ");
        }

        String text = Files.readString(file);
        assertThat(text).contains("| provider read after instrumentation | ≤ +1 ns/op | +1.21 ns/op ¹ | **FAIL** |\n"
                + "| save → live, delay=0, events | p50 ≤ 3 ms | p50 2026-12-02 | **FAIL** |\n"
                + "| start-up cost of -javaagent |");
        assertThat(text).doesNotContain("default delay 0.5 s").doesNotContain("on 2026-12-01");
        assertThat(text.split("re-measured its rows", -1)).hasSize(2);
        assertThat(text).startsWith(BEFORE).endsWith(AFTER);
    }

    @Test
    void aFileWithoutATableGetsTheRowsOfTheRun() throws IOException {
        Path file = dir.resolve("new.md");

        ResultsTable.mergeInto(file, parts(Map.of("startup", List.of(new Result("start-up cost of -javaagent",
                "≤ +150 ms", "+70 ms", true)))), "", "- `benchmarks/run startup` re-measured", "- `benchmarks/run startup` ");

        assertThat(Files.readString(file)).isEqualTo("# Performance\n\n" + ResultsTable.BEGIN + "\n\n"
                + "| metric | target | measured | result |\n|---|---|---|---|\n"
                + "| start-up cost of -javaagent | ≤ +150 ms | +70 ms | pass |\n\n"
                + "- `benchmarks/run startup` re-measured\n\n" + ResultsTable.END + "\n");
    }

    /** The report's parts in its order, with the rows of the benchmarks that ran. */
    private static List<ResultsTable.Part> parts(Map<String, List<Result>> ran) {
        Map<String, String> prefixes = new LinkedHashMap<>();
        prefixes.put("provider-read", "provider read");
        prefixes.put("save-to-live", "save → live");
        prefixes.put("startup", "start-up cost");
        return ResultsTable.parts(prefixes, ran);
    }

    private Path write(String text) throws IOException {
        Path file = dir.resolve("performance.md");
        Files.writeString(file, text);
        return file;
    }
}
