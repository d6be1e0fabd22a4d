package dev.aiq.agent.reload;

import dev.aiq.agent.protocol.ReloadOutcome;
import dev.aiq.agent.protocol.Timings;
import dev.aiq.agent.watch.FileState;
import dev.aiq.agent.yaml.ConfigException;
import dev.aiq.api.OverrideException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;

/**
 * A config checked through the same stages as a reload (the agent's reader, the live overrides, the app's provider
 * and validators) with nothing swapped and nothing counted: another file read as if it were the config
 * ({@code aiq-dev validate <pid> --config_file F}), or one of the config's own files read as a text not yet saved
 * (the browser's editor). It only reads the engine's state; the engine decides what is said. Internal.
 */
final class DryRun {

    private final Candidate candidate;
    private final Path configFile;
    private final ConfigFiles files;
    private final History history;
    private final LiveOverrides liveOverrides;
    private final Clock clock;
    private final LongSupplier nanoTime;

    DryRun(Candidate candidate, Path configFile, ConfigFiles files, History history, LiveOverrides liveOverrides,
           Clock clock, LongSupplier nanoTime) {
        this.candidate = candidate;
        this.configFile = configFile;
        this.files = files;
        this.history = history;
        this.liveOverrides = liveOverrides;
        this.clock = clock;
        this.nanoTime = nanoTime;
    }

    /** {@code file} (absolute, normalised) read and replayed as the config, on the live {@code generation}. */
    ReloadOutcome ofFile(Path file, long generation) {
        return check(file, Map.of(), file, error -> error, generation);
    }

    /**
     * The config with {@code file}, one of its own files, reading as {@code text}. The app's provider sees the text
     * too when {@code file} is the root: it replays from a hidden copy next to it, so relative references still
     * resolve; else it reads the other files as they are on disk.
     */
    ReloadOutcome ofText(Path file, String text, long generation) {
        Path edited = file.toAbsolutePath().normalize();
        if (!files.inputs().contains(edited)) {
            return refused(List.of(edited + " is not one of this config's files " + files.inputs()), generation);
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        Map<Path, FileState> states = Map.of(edited, FileState.holding(edited, bytes));
        if (!edited.equals(configFile)) {
            return check(configFile, states, null, error -> error, generation);
        }
        try (HiddenCopy copy = HiddenCopy.of(edited, bytes)) {
            return check(configFile, states, copy.path(), copy::asOfFile, generation);
        } catch (IOException e) {
            return refused(List.of("cannot validate " + edited + " through a copy next to it: " + e.getMessage()),
                    generation);
        }
    }

    /**
     * Reads {@code file} ({@code states}: bytes to use instead of the disk's), replays the provider on
     * {@code replayed} (null: as recorded) and validates; {@code rename} rewrites each error.
     */
    private ReloadOutcome check(Path file, Map<Path, FileState> states, Path replayed, UnaryOperator<String> rename,
                                long generation) {
        long t0 = nanoTime.getAsLong();
        Candidate.Read read;
        try {
            read = candidate.read(file, liveOverrides, states);
        } catch (ConfigException e) {
            return refused(Candidate.render(e.errors(), file.getParent()), generation);
        } catch (OverrideException e) {
            return refused(List.of(e.getMessage()), generation);
        }
        long t1 = nanoTime.getAsLong();
        Candidate.Checked checked = candidate.check(replayed, liveOverrides.asOverrides(), read, files.dependencies());
        long t2 = nanoTime.getAsLong();
        if (!checked.accepted()) {
            return refused(checked.problems().stream().map(rename).toList(), generation);
        }
        return new ReloadOutcome(ReloadOutcome.Kind.VALIDATE, true, generation, "Configuration is valid", List.of(),
                TreeDiff.between(history.live().tree(), read.tree()), Timings.between(t0, t1, t2, t2), clock.instant());
    }

    private ReloadOutcome refused(List<String> errors, long generation) {
        List<String> masked = Outcomes.masked(errors);
        return new ReloadOutcome(ReloadOutcome.Kind.VALIDATE, false, generation, masked.get(0), masked, List.of(),
                Timings.NONE, clock.instant());
    }
}
