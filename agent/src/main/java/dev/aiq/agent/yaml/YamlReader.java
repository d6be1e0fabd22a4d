package dev.aiq.agent.yaml;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * The agent's own YAML reader, the first check of every change, shared by the live agent and the offline
 * {@code validate}: reads a config exactly as the NeMo Agent toolkit's loader does (variables expanded in the raw text
 * and again over the tree, {@code base:} inheritance, {@code file://} prompts, PyYAML's escapes and types), with
 * SnakeYAML's {@code SafeConstructor}, duplicate keys rejected and limits on aliases, nesting and size; resolves
 * {@code !include} too, everything confined to the {@link ProjectRoot project root}. Thread-safe: every read keeps
 * its state to itself. Internal.
 */
public final class YamlReader {

    private final Map<String, String> env;
    private final Limits limits;
    private final Path projectRoot;

    /** Reads with the process environment and the default limits. */
    public YamlReader() {
        this(System.getenv());
    }

    /** Reads with {@code env} as the environment (for tests) and the default limits. */
    public YamlReader(Map<String, String> env) {
        this(env, Limits.DEFAULT);
    }

    /**
     * Reads with {@code env} as the environment and the given limits.
     *
     * @param env    the environment {@code ${VAR}} reads from, copied; not null
     * @param limits the limits, not null
     */
    public YamlReader(Map<String, String> env, Limits limits) {
        this(env, limits, null);
    }

    /**
     * Reads with {@code env} as the environment, the given limits, and the project root widened to {@code root}.
     *
     * @param env    the environment {@code ${VAR}} reads from, copied; not null
     * @param limits the limits, not null
     * @param root   a directory that includes, bases and {@code file://} may also reach (agent option {@code root=},
     *               {@code validate --root}); null for the project root alone
     */
    public YamlReader(Map<String, String> env, Limits limits, Path root) {
        this.env = Map.copyOf(env);
        this.limits = Objects.requireNonNull(limits, "limits");
        this.projectRoot = root;
    }

    /**
     * Returns a reader with the process environment and the default limits whose project root is widened to
     * {@code root} (null for none): what the live agent and {@code validate} both use.
     */
    public static YamlReader withRoot(Path root) {
        return new YamlReader(System.getenv(), Limits.DEFAULT, root);
    }

    /**
     * Reads {@code rootFile} and everything it includes.
     *
     * @param rootFile the root config; a relative path is taken from the working directory
     * @return the merged tree with the files read, their hash, the position of every key and any warnings
     * @throws ConfigException with every error found, each with file, line and column where there is one
     */
    public ReadResult read(Path rootFile) throws ConfigException {
        return new Reading(rootFile.toAbsolutePath().normalize(), env, limits, projectRoot, null).run();
    }

    /**
     * Reads {@code rootFile} and everything it includes, taking the bytes of every file it opens (root, includes,
     * {@code base:}, {@code file://}) from {@code files}; real paths, regular-file checks and confinement still look at
     * the file system.
     *
     * @param rootFile the root config; a relative path is taken from the working directory
     * @param files    where the bytes come from, not null
     * @return as {@link #read(Path)}
     * @throws ConfigException as {@link #read(Path)}; an {@link java.io.IOException} from {@code files} is an error of
     *                         the file it was reading
     */
    public ReadResult read(Path rootFile, SourceFiles files) throws ConfigException {
        Objects.requireNonNull(files, "files");
        return new Reading(rootFile.toAbsolutePath().normalize(), env, limits, projectRoot, files).run();
    }
}
