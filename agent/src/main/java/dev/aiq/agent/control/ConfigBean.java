package dev.aiq.agent.control;

import dev.aiq.agent.protocol.Change;
import dev.aiq.agent.protocol.ConfigStatus;
import dev.aiq.agent.protocol.PluginStatus;
import dev.aiq.agent.protocol.ReloadOutcome;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The {@link ConfigMXBean} over one {@link ConfigControl}: every call delegates, every result becomes text, every
 * failure an {@link IllegalStateException} carrying only a message (a JMX client cannot load the agent's exception
 * classes). The config is looked up on every call, so the JVM-level bean can serve "the only config". Internal.
 */
class ConfigBean implements ConfigMXBean {

    private final Supplier<ConfigControl> config;

    /** The bean of the config {@code config} returns on each call (it may throw to say there is none). */
    ConfigBean(Supplier<ConfigControl> config) {
        this.config = config;
    }

    @Override
    public String getName() {
        return call(() -> config().name());
    }

    @Override
    public String getConfigFile() {
        return status().configFile();
    }

    @Override
    public String getProvider() {
        return status().provider();
    }

    @Override
    public boolean isActive() {
        return status().active();
    }

    @Override
    public long getGeneration() {
        return status().generation();
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
    public String[] getDependencies() {
        List<String> dependencies = status().dependencies();
        return dependencies == null ? new String[0] : dependencies.toArray(String[]::new);
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
    public String[] getOverrides() {
        ConfigStatus status = status();
        List<String> overrides = new ArrayList<>();
        status.appOverrides().forEach(override -> overrides.add(override + " (app)"));
        for (Map.Entry<String, String> live : status.liveOverrides().entrySet()) {
            overrides.add(live.getKey() + "=" + live.getValue() + " (live)");
        }
        return overrides.toArray(String[]::new);
    }

    @Override
    public int getHistorySize() {
        return status().historySize();
    }

    @Override
    public String[] getPlugins() {
        PluginStatus plugins = status().plugins();
        return plugins == null ? new String[0] : plugins.lines().toArray(String[]::new);
    }

    @Override
    public String reload() {
        return describe(call(() -> config().reload(false)));
    }

    @Override
    public String validate(String file) {
        return describe(call(() -> config().validate(file == null || file.isBlank() ? null : Path.of(file))));
    }

    @Override
    public String[] diff(long from, long to) {
        return call(() -> config().diff(from, to)).stream().map(Change::toString).toArray(String[]::new);
    }

    @Override
    public String[] history() {
        return HistoryItems.of(call(() -> config().history())).stream()
                .map(item -> "generation " + item.generation() + "  " + item.at() + "  " + item.cause()
                        + "  sha256 " + shortHash(item.sha256()) + "  " + String.join(", ", item.files()))
                .toArray(String[]::new);
    }

    @Override
    public String rollback(int steps) {
        return describe(call(() -> config().rollback(steps)));
    }

    @Override
    public String set(String path, String value) {
        return describe(call(() -> config().set(path, value)));
    }

    @Override
    public String unset(String path) {
        return describe(call(() -> config().unset(path)));
    }

    @Override
    public String clearHistory() {
        call(() -> {
            config().clearHistory();
            return null;
        });
        return "history cleared";
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

    /** Runs {@code operation}, turning any failure into an {@link IllegalStateException} with only its message. */
    static <T> T call(Supplier<T> operation) {
        try {
            return operation.get();
        } catch (RuntimeException e) {
            throw new IllegalStateException(RequestDispatcher.describe(e));
        }
    }

    private ConfigStatus status() {
        return call(() -> config().status());
    }

    private ConfigControl config() {
        return config.get();
    }

    private static String shortHash(String sha256) {
        return sha256 == null ? "-" : sha256.substring(0, Math.min(12, sha256.length()));
    }
}
