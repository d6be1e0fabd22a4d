package dev.aiq.agent.reload;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The swap stage: publishes a config in the bridge and runs the app's listeners; a veto puts the previous config back
 * and re-applies it to the listeners that already ran. Internal.
 */
final class Swap {

    private final ProviderBinding provider;
    private final ListenerRunner listeners;
    private final ReloadReporter feedback;

    Swap(ProviderBinding provider, ListenerRunner listeners, ReloadReporter feedback) {
        this.provider = provider;
        this.listeners = listeners;
        this.feedback = feedback;
    }

    /**
     * Makes {@code value} generation {@code generation + 1}.
     *
     * @return null when every listener took it; else the veto (and {@code live} is live again as {@code generation})
     */
    ListenerRunner.Veto to(Object value, HistoryEntry live, long generation, Set<String> paths, boolean rollback) {
        return change(live.value(), value, generation + 1, generation, paths, rollback);
    }

    /**
     * Makes {@code value} live as generation {@code as} in place of {@code previous}, which stays live as
     * {@code otherwise} on a veto.
     */
    ListenerRunner.Veto change(Object previous, Object value, long as, long otherwise, Set<String> paths,
                               boolean rollback) {
        List<Consumer<Object[]>> chosen = listeners.snapshot();
        provider.publish(value, as);
        ListenerRunner.Veto veto = listeners.apply(chosen, previous, value, as, paths, rollback);
        if (veto == null) {
            return null;
        }
        provider.publish(previous, otherwise);
        ListenerRunner.Veto again = listeners.apply(chosen.subList(0, veto.index()), value, previous, otherwise,
                paths, true);
        if (again != null) {
            feedback.warn("aiq-dev: re-applying the previous config failed too: " + again.reason());
        }
        return veto;
    }

    /**
     * Gives {@code live} to every listener again as it is ({@code rollback}: after too many failed attempts; else at
     * attach, where the app may still run an older version of the file).
     *
     * @return the veto, or null
     */
    ListenerRunner.Veto reapply(HistoryEntry live, long generation, boolean rollback) {
        if (rollback) {
            provider.publish(live.value(), generation);
        }
        return listeners.apply(listeners.snapshot(), live.value(), live.value(), generation, Set.of(), rollback);
    }

    void close() {
        listeners.close();
    }
}
