package dev.aiq.agent.reload;

import dev.aiq.agent.watch.FileState;
import dev.aiq.agent.yaml.ConfigError;
import dev.aiq.agent.yaml.ConfigException;
import dev.aiq.agent.yaml.ReadResult;
import dev.aiq.agent.yaml.SourceFiles;
import dev.aiq.api.ConfigOverrides;
import dev.aiq.api.OverrideException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The candidate stage, shared by a reload and a dry run: read the files with the agent's reader, apply the overrides,
 * replay the app's provider, run the validators; every problem one line, at the key's file:line:col where the message
 * names a key. Holds no state of its own. Internal.
 */
final class Candidate {

    /**
     * What the reader made of the files.
     *
     * @param result what it read
     * @param tree   the tree with the app's and the live overrides applied: what diffs compare
     */
    record Read(ReadResult result, Map<String, Object> tree) {
    }

    /**
     * What the app made of it.
     *
     * @param value        what the provider returned, or null
     * @param dependencies files named by the provider calls nested in the replay
     * @param problems     why the app does not accept it; empty when it does
     */
    record Checked(Object value, List<Path> dependencies, List<String> problems) {
        boolean accepted() {
            return problems.isEmpty();
        }
    }

    private static final Pattern DOTTED_PATH = Pattern.compile("[A-Za-z0-9_\\-/]+(\\[\\d+])*(\\.[A-Za-z0-9_\\-/]+(\\[\\d+])*)*");

    private final ReloadEngine.ConfigReader reader;
    private final ProviderBinding provider;
    private final Path configFile;
    private final Validators validators = new Validators();

    Candidate(ReloadEngine.ConfigReader reader, ProviderBinding provider, Path configFile) {
        this.reader = reader;
        this.provider = provider;
        this.configFile = configFile;
    }

    /**
     * Reads {@code file} and applies the overrides; a file in {@code states} with its bytes kept is parsed from those
     * bytes (what was hashed is what is validated), any other is read from disk.
     */
    Read read(Path file, LiveOverrides live, Map<Path, FileState> states) throws ConfigException, OverrideException {
        Map<Path, byte[]> kept = new HashMap<>();
        for (FileState state : states.values()) {
            if (state.content() != null) {
                kept.put(state.real(), state.content());
                kept.put(state.file(), state.content());
            }
        }
        SourceFiles files = path -> {
            byte[] bytes = kept.get(path);
            return bytes != null ? bytes : Files.readAllBytes(path);
        };
        ReadResult result = reader.read(file, files);
        Map<String, Object> tree;
        try {
            tree = provider.appOverrides().applyTo(result.tree());
        } catch (OverrideException e) {
            throw refused(e, result, "--override on the app's command line");
        }
        try {
            tree = live.asOverrides().applyTo(tree);
        } catch (OverrideException e) {
            throw refused(e, result, live.originOf(e.path()).toString());
        }
        return new Read(result, tree);
    }

    /** An override that no longer fits the file, at the key's position, saying where the override came from. */
    private static ConfigException refused(OverrideException e, ReadResult result, String origin) {
        return new ConfigException(result.errorAt(e.path(), e.getMessage() + " (" + origin + ")"));
    }

    /** Replays the provider ({@code file}: instead of the config's own, for a dry run of another file) and validates. */
    Checked check(Path file, ConfigOverrides live, Read read, List<Path> knownDependencies) {
        List<String> problems = new ArrayList<>();
        Object value = null;
        List<Path> dependencies = knownDependencies;
        try {
            ProviderBinding.Replayed replayed = provider.replay(file, live);
            value = replayed.value();
            dependencies = replayed.dependencies();
            if (value == null) {
                problems.add("the provider " + provider.name() + " returned null");
            } else {
                for (Validators.Problem p : validators.check(value, provider.loader())) {
                    problems.add(positioned(p.path(), p.message(), read.result()));
                }
            }
        } catch (Exception e) {
            problems.add(positioned(Validators.describe(e), read.result()));
        }
        // the provider and the validators are the app's code on the agent's reload thread: an interrupt they leave
        // behind is not the agent being stopped, and would make the wait for the listeners fail at once
        Thread.interrupted();
        return new Checked(value, dependencies, problems);
    }

    /** Every reader error as {@code file:line:col: reason}, file names relative to {@code base}. */
    static List<String> render(List<ConfigError> errors, Path base) {
        List<String> rendered = new ArrayList<>();
        for (ConfigError e : errors) {
            rendered.add(e.render(base));
        }
        return rendered;
    }

    /** The first line of what the reader or an override refused. */
    static String firstError(Exception e) {
        if (e instanceof ConfigException c) {
            return c.errors().get(0).toString();
        }
        return e.getMessage();
    }

    /** Puts a {@code dotted.path: message} from the app or a validator at the key's file:line:column. */
    private String positioned(String message, ReadResult read) {
        int colon = message.indexOf(": ");
        if (colon > 0 && DOTTED_PATH.matcher(message.substring(0, colon)).matches()) {
            return positioned(message.substring(0, colon), message.substring(colon + 2), read);
        }
        return message;
    }

    private String positioned(String path, String message, ReadResult read) {
        if (path.isEmpty()) {
            return message;
        }
        ConfigError at = read.errorAt(path, path + ": " + message);
        return at.line() > 0 ? at.render(configFile.getParent()) : path + ": " + message;
    }
}
