package dev.aiq.agent.console;

import dev.aiq.agent.mask.Masking;
import dev.aiq.agent.protocol.Change;
import dev.aiq.agent.reload.ReloadReporter;
import dev.aiq.agent.protocol.Timings;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The console feedback of development mode: the AIQ toolkit's lines, exactly, plus what changed and how long each
 * stage took. Writes whole lines to the host's standard error (standard output belongs to the app: a console
 * workflow prints its answers there). Colour only on a terminal. Thread-safe. Internal.
 */
public final class Feedback implements ReloadReporter {

    private static final String RESET = "\u001b[0m";
    private static final String GREEN = "\u001b[32m";
    private static final String RED = "\u001b[31m";
    private static final String YELLOW = "\u001b[33m";
    private static final String BOLD = "\u001b[1m";
    private static final String DIM = "\u001b[2m";
    private static final int CHANGES_SHOWN = 20;

    private final PrintStream out;
    private final boolean colour;
    private final Supplier<String> label;

    /** Writes to {@code out}; {@code colour} adds ANSI colours. */
    public Feedback(PrintStream out, boolean colour) {
        this(out, colour, null);
    }

    private Feedback(PrintStream out, boolean colour, Supplier<String> label) {
        this.out = out;
        this.colour = colour;
        this.label = label;
    }

    /**
     * The same output for one config of several: lines that do not name a file end with {@code  [label]} whenever
     * {@code label} gives one (it gives none while the JVM has a single config, so the toolkit's lines stay exact).
     */
    public Feedback labelled(Supplier<String> newLabel) {
        return new Feedback(out, colour, newLabel);
    }

    /** Writes to the host's standard error, in colour when it is a terminal and {@code NO_COLOR} is unset. */
    public static Feedback toStandardError() {
        boolean terminal = System.console() != null && System.getenv("NO_COLOR") == null
                && !"dumb".equals(System.getenv("TERM"));
        return new Feedback(System.err, terminal);
    }

    /** The banner once watching has started. */
    public void banner(Path configFile, String delay, List<String> extra) {
        StringBuilder b = new StringBuilder();
        b.append(paint(BOLD, "Development Mode Active")).append('\n');
        b.append("==================================================").append('\n');
        b.append("Watching config: ").append(safe(configFile)).append('\n');
        b.append("Reload delay: ").append(delay);
        for (String line : extra) {
            b.append('\n').append(paint(DIM, safe(line)));
        }
        lines(b.toString());
    }

    /** A change was noticed. */
    @Override
    public void changed(Path file) {
        lines("Configuration file changed: " + safe(file));
    }

    /** The reload starts. */
    @Override
    public void reloading() {
        lines("Reloading configuration..." + tag());
    }

    /** The reload went live. */
    @Override
    public void reloaded(List<Change> changes, String remark, Timings timings) {
        // a save that changed no value says so in its headline: "successfully" over an empty list reads as a change
        String headline = remark == null ? "Configuration reloaded successfully" : "Configuration reloaded: " + safe(remark);
        StringBuilder b = new StringBuilder(paint(GREEN, headline) + tag());
        appendChanges(b, changes);
        b.append('\n').append(paint(DIM, "  " + timings));
        b.append('\n').append("Starting workflow with updated configuration...");
        lines(b.toString());
    }

    /** The content equals the live config's: nothing to do. */
    @Override
    public void unchanged(long generation) {
        lines(paint(DIM, "Configuration unchanged (generation " + generation + ")") + tag());
    }

    /** A dry run's result, one line: the developer at the CLI asked, the app's console shows it happened. */
    @Override
    public void dryRun(Path file, List<String> errors, int changes) {
        String name = safe(file.getFileName());
        lines(errors.isEmpty()
                ? paint(DIM, "Dry run (aiq-dev validate): " + name + " is valid; " + changes + " value(s) would change"
                        + ", nothing applied") + tag()
                : paint(YELLOW, "Dry run (aiq-dev validate): " + name + " would be refused: " + safe(errors.get(0))
                        + " (nothing applied)") + tag());
    }

    /** A reload failed; {@code errors} are rendered {@code file:line:col: reason}, the first one shown inline. */
    @Override
    public void failed(int attempt, int maxAttempts, List<String> errors) {
        StringBuilder b = new StringBuilder(paint(RED, "Configuration reload failed (attempt " + attempt + "/" + maxAttempts + "): "
                + (errors.isEmpty() ? "unknown error" : safe(errors.get(0)))) + tag());
        for (int i = 1; i < errors.size(); i++) {
            b.append('\n').append("  ").append(safe(errors.get(i)));
        }
        b.append('\n').append(paint(YELLOW, "Workflow continues with previous configuration due to reload error"));
        lines(b.toString());
    }

    /** The maximum was reached: rolling back. */
    @Override
    public void rollingBack() {
        lines(paint(YELLOW, "Maximum reload attempts exceeded, attempting rollback...") + tag());
    }

    /** The rollback worked. */
    @Override
    public void rolledBack(long generation) {
        lines(paint(GREEN, "Configuration rolled back successfully") + paint(DIM, " (generation " + generation + ")") + tag());
    }

    /** The rollback itself failed. */
    @Override
    public void rollbackFailed(String reason) {
        lines(paint(RED, "Configuration rollback failed: " + safe(reason)) + tag());
    }

    /** A requested rollback to an earlier generation went live. */
    @Override
    public void restored(long fromGeneration, long generation, List<Change> changes) {
        StringBuilder b = new StringBuilder(paint(GREEN, "Configuration rolled back to generation " + fromGeneration
                + " (now generation " + generation + ")") + tag());
        appendChanges(b, changes);
        lines(b.toString());
    }

    /** The config file disappeared. */
    @Override
    public void missing(Path file) {
        lines(paint(YELLOW, "Configuration file missing: " + safe(file) + " (keeping the live configuration until it is back)"));
    }

    /** The config file is empty (a save in progress, or emptied on purpose). */
    @Override
    public void empty(Path file) {
        lines(paint(YELLOW, "Configuration file is empty: " + safe(file) + " (keeping the live configuration until it has content)"));
    }

    /** Any other one-line notice. */
    @Override
    public void note(String line) {
        lines(safe(line));
    }

    /** A one-line warning. */
    @Override
    public void warn(String line) {
        lines(paint(YELLOW, safe(line)));
    }

    @Override
    public void overrideRefused(String path, List<String> errors) {
        lines(paint(RED, "Live override refused: " + safe(path) + ": " + (errors.isEmpty() ? "unknown error" : safe(errors.get(0))))
                + tag() + "\n" + paint(YELLOW, "Workflow continues with previous configuration"));
    }

    @Override
    public void detail(String line) {
        AgentLog.debug("{}{}", line, tag());
    }

    /** One line per change, up to {@link #CHANGES_SHOWN}: a generated config may change 100,000 keys at once. */
    private static void appendChanges(StringBuilder b, List<Change> changes) {
        for (Change change : changes.subList(0, Math.min(changes.size(), CHANGES_SHOWN))) {
            b.append('\n').append("  ").append(safe(change));
        }
        if (changes.size() > CHANGES_SHOWN) {
            b.append('\n').append(String.format(Locale.ROOT, "  ... and %,d more changes (aiq-dev diff lists them all)",
                    changes.size() - CHANGES_SHOWN));
        }
    }

    /** Text from outside (paths, the app's messages, values) as one masked line: it can forge nothing. */
    private static String safe(Object text) {
        return Masking.text(String.valueOf(text));
    }

    private String tag() {
        String name = label == null ? null : label.get();
        return name == null ? "" : " [" + safe(name) + "]";
    }

    private String paint(String code, String text) {
        return colour ? code + text + RESET : text;
    }

    private void lines(String text) {
        synchronized (out) {
            out.println(text);
            out.flush();
        }
    }
}
