package dev.aiq.agent.options;

import java.util.ArrayList;
import java.util.List;

/**
 * What the agent did with the options of one {@code aiq-dev attach}: applied them, or refused them all (an unknown or
 * malformed option, or one that conflicts with what already runs), with the reasons. The agent publishes it in the
 * system property {@value #PROPERTY}, tagged with the options string it was given (the path of a fresh temp file, so
 * it names that one attach); the CLI reads it through the Attach API once {@code loadAgent} has returned. The target
 * may run another aiq-dev version than the CLI, so this is how the CLI hears the target's own refusals. Internal.
 *
 * @param options  the options string of the attach this answers ({@code @/tmp/aiq-dev-options-….txt})
 * @param refused  whether nothing was applied
 * @param reasons  why, one line each (empty when applied)
 */
public record AttachVerdict(String options, boolean refused, List<String> reasons) {

    /** The system property of the last attach's verdict. */
    public static final String PROPERTY = "aiq.dev.attach.verdict";

    private static final String APPLIED = "applied";
    private static final String REFUSED = "refused";

    /** Copies the list. */
    public AttachVerdict {
        reasons = List.copyOf(reasons);
    }

    /** The options were applied. */
    public static AttachVerdict applied(String options) {
        return new AttachVerdict(options, false, List.of());
    }

    /** The options were refused for {@code reasons}. */
    public static AttachVerdict refused(String options, List<String> reasons) {
        return new AttachVerdict(options, true, reasons);
    }

    /** Publishes this verdict in {@value #PROPERTY}. */
    public void publish() {
        System.setProperty(PROPERTY, encode());
    }

    /** The property's text: the options line, the verdict line, then a line per reason. */
    String encode() {
        StringBuilder text = new StringBuilder(oneLine(options)).append('\n').append(refused ? REFUSED : APPLIED);
        reasons.forEach(reason -> text.append('\n').append(oneLine(reason)));
        return text.toString();
    }

    /**
     * The verdict for {@code options} in a published {@code text}, or null when it answers another attach (or the
     * target's agent is a version that publishes none).
     */
    public static AttachVerdict decode(String text, String options) {
        if (text == null) {
            return null;
        }
        List<String> lines = text.lines().toList();
        if (lines.size() < 2 || !lines.get(0).equals(oneLine(options))) {
            return null;
        }
        List<String> reasons = new ArrayList<>(lines.subList(2, lines.size()));
        return new AttachVerdict(options, REFUSED.equals(lines.get(1)), reasons);
    }

    /**
     * An option problem as a refusal reads: the parser's problems say {@code aiq-dev: ignoring …}, which is what
     * {@code -javaagent} does with them, while an attach applies nothing.
     */
    public static String asRefusal(String problem) {
        String reason = problem.startsWith("aiq-dev: ") ? problem.substring("aiq-dev: ".length()) : problem;
        return reason.startsWith("ignoring ") ? reason.substring("ignoring ".length()) : reason;
    }

    private static String oneLine(String text) {
        return text.replace('\n', ' ').replace('\r', ' ');
    }
}
