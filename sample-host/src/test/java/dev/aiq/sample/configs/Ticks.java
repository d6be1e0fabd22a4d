package dev.aiq.sample.configs;

import dev.aiq.sample.testing.HostProcess;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The {@code tick N <what the app got>} lines a host of this package prints, read as the configs the app went
 * through: {@link #of} gives what every tick printed (without {@code tick N}), {@link #steps} the same with repeats
 * collapsed, so a test can assert the exact order of configs the app saw, with nothing else in between.
 */
final class Ticks {

    private static final Pattern TICK = Pattern.compile("tick \\d+ (.*)");

    private Ticks() {
    }

    /** Returns what each tick printed after the first {@code mark} lines, in order. */
    static List<String> of(HostProcess host, int mark) {
        List<String> ticks = new ArrayList<>();
        for (String line : host.linesAfter(mark)) {
            Matcher tick = TICK.matcher(line);
            if (tick.matches()) {
                ticks.add(tick.group(1));
            }
        }
        return ticks;
    }

    /** Returns what the ticks printed from the start, each run of equal ticks as one step. */
    static List<String> steps(HostProcess host) {
        List<String> steps = new ArrayList<>();
        for (String tick : of(host, 0)) {
            if (steps.isEmpty() || !Objects.equals(steps.get(steps.size() - 1), tick)) {
                steps.add(tick);
            }
        }
        return steps;
    }

    /** Waits for a tick after the first {@code mark} lines that printed exactly {@code text}. */
    static void await(HostProcess host, int mark, String text) {
        try {
            Awaitility.await().atMost(HostProcess.TIMEOUT).until(() -> of(host, mark).contains(text));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("no tick printed '" + text + "' within " + HostProcess.TIMEOUT + "; " + host, e);
        }
    }

    /**
     * Makes {@code edit}, then waits for a tick that prints exactly {@code text}; returns the mark taken before the
     * edit, for waits on what else the edit printed.
     */
    static int afterEdit(HostProcess host, Runnable edit, String text) {
        int mark = host.mark();
        edit.run();
        await(host, mark, text);
        return mark;
    }

    /** Waits for {@code count} ticks after the first {@code mark} lines and returns what they printed. */
    static List<String> awaitNext(HostProcess host, int mark, int count) {
        host.awaitLinesAfter(mark, "tick ", count);
        return of(host, mark);
    }
}
