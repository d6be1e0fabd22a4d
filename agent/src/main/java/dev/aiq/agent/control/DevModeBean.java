package dev.aiq.agent.control;

import dev.aiq.agent.protocol.Change;
import dev.aiq.agent.protocol.ReloadOutcome;
import dev.aiq.agent.protocol.ConfigStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * The {@link DevModeMXBean} over a {@link DevModeControl}: every call delegates, every result becomes text, every
 * failure an {@link IllegalStateException} carrying only a message (a JMX client cannot load the agent's exception
 * classes). Internal.
 */
final class DevModeBean implements DevModeMXBean {

    private final DevModeControl control;

    DevModeBean(DevModeControl control) {
        this.control = control;
    }

    @Override
    public boolean isActive() {
        return control.status().active();
    }

    @Override
    public long getGeneration() {
        return status().generation();
    }

    @Override
    public String getConfigFile() {
        return status().configFile();
    }

    @Override
    public String getSha256() {
        return status().sha256();
    }

    @Override
    public int getAttempts() {
        return status().attempts();
    }

    @Override
    public String[] getWatchedFiles() {
        return status().watchedFiles().toArray(String[]::new);
    }

    @Override
    public String getLastResult() {
        ReloadOutcome last = status().last();
        return last == null ? null : describe(last);
    }

    @Override
    public double getDelaySeconds() {
        return status().delaySeconds();
    }

    @Override
    public String reload() {
        return describe(call(() -> one().reload(false)));
    }

    @Override
    public String validate(String file) {
        return describe(call(() -> one().validate(file == null || file.isBlank() ? null : Path.of(file))));
    }

    @Override
    public String[] diff(long from, long to) {
        return call(() -> one().diff(from, to)).stream().map(Change::toString).toArray(String[]::new);
    }

    @Override
    public String[] history() {
        return call(() -> one().history()).stream()
                .map(ControlJson.HistoryItem::of)
                .map(item -> "generation " + item.generation() + "  " + item.at() + "  " + item.cause()
                        + "  sha256 " + shortHash(item.sha256()) + "  " + String.join(", ", item.files()))
                .toArray(String[]::new);
    }

    @Override
    public String rollback(int steps) {
        return describe(call(() -> one().rollback(steps)));
    }

    @Override
    public String set(String path, String value) {
        return describe(call(() -> one().set(path, value)));
    }

    @Override
    public String unset(String path) {
        return describe(call(() -> one().unset(path)));
    }

    @Override
    public String clearHistory() {
        call(() -> {
            one().clearHistory();
            return null;
        });
        return "history cleared";
    }

    @Override
    public String detach() {
        call(() -> {
            control.detach();
            return null;
        });
        return "detached";
    }

    /** {@code RELOAD ok, generation 4: Configuration reloaded successfully (2 changes)}. */
    static String describe(ReloadOutcome outcome) {
        StringBuilder line = new StringBuilder()
                .append(outcome.kind()).append(outcome.success() ? " ok" : " failed")
                .append(", generation ").append(outcome.generation())
                .append(": ").append(outcome.message());
        if (!outcome.changes().isEmpty()) {
            line.append(" (").append(outcome.changes().size())
                    .append(outcome.changes().size() == 1 ? " change)" : " changes)");
        }
        if (!outcome.success() && outcome.errors().size() > 1) {
            line.append(" (").append(outcome.errors().size()).append(" errors)");
        }
        return line.toString();
    }

    private dev.aiq.agent.protocol.ConfigStatus status() {
        return call(() -> one().status());
    }

    private ConfigControl one() {
        List<ConfigControl> configs = control.configs();
        if (configs.isEmpty()) {
            throw new IllegalStateException("development mode is waiting for the config provider's first call");
        }
        return configs.get(0);
    }

    private static <T> T call(Supplier<T> operation) {
        try {
            return operation.get();
        } catch (RuntimeException e) {
            throw new IllegalStateException(RequestDispatcher.describe(e));
        }
    }

    private static String shortHash(String sha256) {
        return sha256 == null ? "-" : sha256.substring(0, Math.min(12, sha256.length()));
    }
}
