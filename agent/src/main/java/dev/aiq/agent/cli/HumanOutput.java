package dev.aiq.agent.cli;

import dev.aiq.agent.control.ConfigView;
import dev.aiq.agent.protocol.Change;
import dev.aiq.agent.protocol.ConfigStatus;
import dev.aiq.agent.protocol.HistoryItem;
import dev.aiq.agent.protocol.JvmStatus;
import dev.aiq.agent.protocol.ReloadOutcome;
import dev.aiq.agent.protocol.Timings;
import dev.aiq.agent.yaml.ConfigSummary;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The command line's output for people: short, aligned, times in the local zone. Secrets arrive masked by the
 * agent. Internal.
 */
final class HumanOutput {

    private static final String INDENT = "  ";

    private final PrintWriter out;
    private final ZoneId zone;
    /** Made at first use: building a formatter loads much of java.time, which most commands never print. */
    private DateTimeFormatter time;

    HumanOutput(PrintWriter out, ZoneId zone) {
        this.out = out;
        this.zone = zone;
    }

    private DateTimeFormatter time() {
        if (time == null) {
            time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(zone);
        }
        return time;
    }

    /** The table of {@code aiq-dev list}. */
    void jvms(List<Jvm> jvms) {
        if (jvms.isEmpty()) {
            out.println("no other JVM of this user is running");
            return;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"PID", "JAVA", "AIQ-DEV", "MAIN"});
        for (Jvm jvm : jvms) {
            rows.add(new String[] {Long.toString(jvm.pid()), jvm.javaVersion() == null ? "?" : jvm.javaVersion(),
                    jvm.devModeText(), jvm.displayName()});
        }
        table(rows, true);
    }

    /**
     * What {@code aiq-dev status} shows: a line for the JVM, then a block per config (headed by the config's name
     * when there are several), then what the agent ignored or could not do.
     */
    void status(JvmStatus jvm, String target) {
        out.println((jvm.active() ? "aiq-dev active in " : "aiq-dev inactive in ") + target);
        if (jvm.waiting() != null) {
            out.println(INDENT + "waiting: " + jvm.waiting());
        } else if (jvm.configs().isEmpty()) {
            out.println(INDENT + "waiting for the first call of " + (jvm.providers().isEmpty() ? "a config provider"
                    : String.join(", ", jvm.providers())));
        }
        boolean headed = jvm.configs().size() > 1;
        for (ConfigStatus status : jvm.configs()) {
            if (headed) {
                out.println(heading(status));
            }
            status(status);
        }
        if (jvm.problems() != null && !jvm.problems().isEmpty()) {
            List<String[]> rows = new ArrayList<>();
            addAll(rows, "problems", jvm.problems());
            table(rows, false);
        }
    }

    /** {@code [root.yml]}: how the command line names a config among several. */
    static String heading(ConfigStatus status) {
        return "[" + status.name() + "]";
    }

    private void status(ConfigStatus status) {
        List<String[]> rows = new ArrayList<>();
        rows.add(row("config", status.configFile() == null ? "(the provider has not been called yet)"
                : status.configFile()));
        rows.add(row("generation", status.generation()
                + (status.sha256() == null ? "" : " (sha256 " + shortHash(status.sha256()) + ")")));
        if (status.last() != null) {
            ReloadOutcome last = status.last();
            rows.add(row("last", last.kind() + (last.success() ? " ok" : " failed")
                    + (last.at() == null ? "" : " at " + time().format(last.at())) + ": " + last.message()));
        }
        rows.add(row("attempts", status.attempts() + " of " + status.maxAttempts()));
        rows.add(row("provider", status.provider()));
        addAll(rows, "watching", status.watchedFiles());
        if (status.dependencies() != null && !status.dependencies().isEmpty()) {
            addAll(rows, "depends on", status.dependencies());
        }
        rows.add(row("delay", seconds(status.delaySeconds())));
        rows.add(row("polling", (status.pollSeconds() > 0 ? "every " + seconds(status.pollSeconds()) : "off")
                + (status.events() ? ", file events on" : ", file events off")));
        List<String> overrides = new ArrayList<>();
        status.appOverrides().forEach(override -> overrides.add(override + " (app)"));
        for (Map.Entry<String, String> live : status.liveOverrides().entrySet()) {
            overrides.add(live.getKey() + "=" + live.getValue() + " (live)");
        }
        addAll(rows, "overrides", overrides);
        if (status.plugins() != null) {
            addAll(rows, "plugins", status.plugins().lines());
        }
        rows.add(row("history", status.historySize() + (status.historySize() == 1 ? " config kept" : " configs kept")));
        table(rows, false);
    }

    /** One outcome: the message, every error, what changed, and how long it took. */
    void outcome(ReloadOutcome outcome) {
        String generation = outcome.success() && outcome.generation() > 0
                ? " (generation " + outcome.generation() + ")" : "";
        out.println(outcome.message() + generation);
        for (String error : outcome.errors()) {
            if (!outcome.message().endsWith(error)) {
                out.println(INDENT + error);
            }
        }
        outcome.changes().forEach(change -> out.println(INDENT + change));
        Timings timings = outcome.timings();
        if (timings != null && timings.readMs() + timings.validateMs() + timings.applyMs() > 0) {
            out.println(INDENT + timings);
        }
    }

    /** What {@code aiq-dev show} prints: a comment naming what is shown, then the masked value as YAML. */
    void shown(String config, long generation, String path, Object value) {
        out.println("# " + config + ", generation " + generation + (path == null ? "" : ", " + path)
                + " (live, overrides applied, secrets masked)");
        out.print(ConfigView.yaml(value));
    }

    /** One outcome that {@code aiq-dev follow} received: when, which config, then the outcome as always. */
    void followed(String config, ReloadOutcome outcome) {
        out.print((outcome.at() == null ? "" : time().format(outcome.at()) + " ") + config + " " + outcome.kind() + ": ");
        outcome(outcome);
    }

    /** The changes of {@code aiq-dev diff}. */
    void changes(List<Change> changes) {
        if (changes.isEmpty()) {
            out.println("no differences");
        }
        changes.forEach(change -> out.println(change.toString()));
    }

    /** The table of {@code aiq-dev history}, newest first. */
    void history(List<HistoryItem> items) {
        if (items.isEmpty()) {
            out.println("no configs kept");
            return;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"GEN", "WHEN", "CAUSE", "SHA256", "FILES"});
        for (HistoryItem item : items) {
            List<String> names = item.files().stream().map(HumanOutput::fileName).toList();
            rows.add(new String[] {Long.toString(item.generation()), item.at() == null ? "?" : time().format(item.at()),
                    item.cause(), shortHash(item.sha256()), String.join(", ", names)});
        }
        table(rows, true);
    }

    /** What offline {@code aiq-dev validate} prints for a config that reads. */
    void summary(Path config, ConfigSummary summary, List<String> warnings) {
        out.println(config + " is well-formed (YAML, includes, overrides); the app's own checks: aiq-dev validate <pid>");
        List<String[]> rows = new ArrayList<>();
        rows.add(row("llms", Integer.toString(summary.llms())));
        rows.add(row("embedders", Integer.toString(summary.embedders())));
        rows.add(row("functions", Integer.toString(summary.functions())));
        rows.add(row("function_groups", Integer.toString(summary.functionGroups())));
        rows.add(row("workflow", summary.workflowType() == null ? "(no workflow._type)" : summary.workflowType()));
        addAll(rows, "files", summary.files().stream().map(Path::toString).toList());
        table(rows, false);
        warnings.forEach(warning -> out.println("warning: " + warning));
    }

    /** What {@code validate --print} adds: the resolved config, already masked, as YAML. */
    void resolved(Object tree) {
        out.println("# resolved config (includes, base:, file:// and overrides applied; secrets masked)");
        out.print(ConfigView.yaml(tree));
    }

    /** One line as is. */
    void line(String text) {
        out.println(text);
    }

    private static String[] row(String label, String value) {
        return new String[] {label, value};
    }

    private static void addAll(List<String[]> rows, String label, List<String> values) {
        if (values.isEmpty()) {
            rows.add(row(label, "(none)"));
        }
        for (int i = 0; i < values.size(); i++) {
            rows.add(row(i == 0 ? label : "", values.get(i)));
        }
    }

    /** Prints rows with every column but the last padded to its widest cell; a header row is not indented. */
    private void table(List<String[]> rows, boolean numericFirstColumn) {
        int columns = rows.get(0).length;
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int c = 0; c < columns - 1; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder(INDENT);
            for (int c = 0; c < columns; c++) {
                if (c == columns - 1) {
                    line.append(row[c]);
                } else if (c == 0 && numericFirstColumn) {
                    line.append(" ".repeat(widths[c] - row[c].length())).append(row[c]).append(INDENT);
                } else {
                    line.append(row[c]).append(" ".repeat(widths[c] - row[c].length())).append(INDENT);
                }
            }
            out.println(line.toString().stripTrailing());
        }
    }

    private static String seconds(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString() + " s";
    }

    private static String shortHash(String sha256) {
        return sha256 == null ? "-" : sha256.substring(0, Math.min(12, sha256.length()));
    }

    private static String fileName(String file) {
        Path name = Path.of(file).getFileName();
        return name == null ? file : name.toString();
    }
}
