package dev.aiq.agent.reload;

import dev.aiq.agent.mask.Masking;
import dev.aiq.agent.protocol.Change;
import dev.aiq.agent.protocol.ReloadOutcome;
import dev.aiq.agent.protocol.Timings;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;

/**
 * What happened to one config, as the engine says it: every outcome masked, the last one that really happened to the
 * config kept for {@code status}, and each one the console says told to the listener that {@code follow} streams.
 * Written on the reload thread, read from any. Internal.
 */
final class Outcomes {

    private final Clock clock;
    private volatile ReloadOutcome last;
    private volatile Consumer<ReloadOutcome> listener = o -> { };

    Outcomes(Clock clock) {
        this.clock = clock;
    }

    /**
     * An outcome of generation {@code generation}. What really happened to the config (a reload, a failed attempt, a
     * rollback, a file missing) becomes {@link #last()}, while a dry run or a look that found nothing new leaves the
     * last real one in place; the listener is told it when {@code said}, as the console is.
     */
    ReloadOutcome record(ReloadOutcome.Kind kind, boolean success, long generation, String message, List<String> errors,
                         List<Change> changes, Timings timings, boolean said) {
        ReloadOutcome o = new ReloadOutcome(kind, success, generation, Masking.text(message), masked(errors), changes,
                timings, clock.instant());
        if (kind != ReloadOutcome.Kind.VALIDATE && kind != ReloadOutcome.Kind.UNCHANGED) {
            last = o;
        }
        if (said) {
            tell(o);
        }
        return o;
    }

    /** Tells the listener {@code outcome}; its failure is its own, the outcome stands. */
    void tell(ReloadOutcome outcome) {
        try {
            listener.accept(outcome);
        } catch (RuntimeException e) {
            // the listener's own problem
        }
    }

    /** The last outcome that happened to the config, or null. */
    ReloadOutcome last() {
        return last;
    }

    void onOutcome(Consumer<ReloadOutcome> listener) {
        this.listener = listener;
    }

    /** Messages may quote what the app threw, a value among them: credential-looking text never leaves masked. */
    static List<String> masked(List<String> errors) {
        return errors.stream().map(Masking::text).toList();
    }
}
