package dev.aiq.agent.reload;

import dev.aiq.agent.watch.FileState;
import dev.aiq.agent.yaml.ReadResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Everything one config depends on: its root, what the agent's reader read ({@code !include}, {@code base:},
 * {@code file://}), the files named by the provider calls nested in its call (sub-configs, learned at each replay)
 * and the {@code watch=} files; and what they hold. A change of any of them is a change of the config. Changed on
 * the reload thread only. Internal.
 */
final class ConfigFiles {

    private final Path root;
    private final Function<Path, FileState> watched;
    private List<Path> read;
    private volatile List<Path> dependencies = List.of();
    private List<Path> extra = List.of();
    /** Each input's content as the last pass saw it, by kind and hash. */
    private Map<Path, String> lastSeen = Map.of();

    /**
     * @param root    the root config file
     * @param watched what the watcher last read of a file, or null
     */
    ConfigFiles(Path root, Function<Path, FileState> watched) {
        this.root = root;
        this.watched = watched;
        this.read = List.of(root);
    }

    /** The files the reader read for the live config. */
    void read(List<Path> files) {
        read = List.copyOf(files);
    }

    /** The files the provider calls nested in the last good replay named. */
    void dependencies(List<Path> files) {
        dependencies = List.copyOf(files);
    }

    List<Path> dependencies() {
        return dependencies;
    }

    /** The {@code watch=} files. */
    void extra(List<Path> files) {
        extra = List.copyOf(files);
    }

    /** Every file to watch: what the reader read, the dependencies, the extra files. */
    List<Path> watched() {
        return with(read);
    }

    /** {@code reached} (what a broken read reached, say) with the dependencies and extra files. */
    List<Path> with(Collection<Path> reached) {
        Set<Path> all = new LinkedHashSet<>(reached);
        all.addAll(dependencies);
        all.addAll(extra);
        return List.copyOf(all);
    }

    /** Every file whose change is a change of this config, the root first. */
    Set<Path> inputs() {
        Set<Path> inputs = new LinkedHashSet<>();
        inputs.add(root);
        inputs.addAll(watched());
        return inputs;
    }

    /**
     * What each of {@code files} holds: what the watcher last read of it ({@code fromWatcher}, right after it reported
     * a change), else read now.
     */
    Map<Path, FileState> states(Collection<Path> files, boolean fromWatcher) {
        Map<Path, FileState> states = new LinkedHashMap<>();
        for (Path file : files) {
            FileState known = fromWatcher ? watched.apply(file) : null;
            states.put(file, known != null ? known : FileState.readQuietly(file));
        }
        return states;
    }

    /**
     * The hash that decides whether the config changed: the reader's over what it read, and when the app reads more
     * (sub-configs, {@code watch=} files), what those hold too ({@code states} where it has them, else read now).
     */
    String sourceSha(ReadResult result, Map<Path, FileState> states) {
        Set<Path> appOnly = new LinkedHashSet<>(dependencies);
        appOnly.addAll(extra);
        appOnly.removeAll(result.files());
        if (appOnly.isEmpty()) {
            return result.sha256();
        }
        List<FileState> held = new ArrayList<>();
        for (Path file : appOnly) {
            FileState state = states.get(file);
            held.add(state != null ? state : FileState.readQuietly(file));
        }
        return Fingerprint.combine(result.sha256(), Fingerprint.of(held));
    }

    /**
     * The files whose content in {@code states} differs from what the last pass that read for real saw (dry runs
     * do not count): a retry names the file that changed since, and a file event for content already read is none.
     */
    Set<Path> changedSinceSeen(Map<Path, FileState> states) {
        Set<Path> changed = new LinkedHashSet<>();
        states.forEach((file, state) -> {
            if (!contentOf(state).equals(lastSeen.get(file))) {
                changed.add(file);
            }
        });
        return changed;
    }

    /** Notes what a pass that reads for real (a reload, an attempt, not a dry run) found in {@code states}. */
    void seen(Map<Path, FileState> states) {
        Map<Path, String> now = new LinkedHashMap<>();
        states.forEach((file, state) -> now.put(file, contentOf(state)));
        lastSeen = now;
    }

    private static String contentOf(FileState state) {
        return state.kind() + ":" + state.sha256();
    }
}
