package dev.aiq.agent.yaml;

import dev.aiq.agent.yaml.ReferenceResolver.Kind;
import dev.aiq.agent.yaml.ReferenceResolver.Target;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/**
 * One read of a config and everything it reaches: the mutable state of a single {@link YamlReader#read} call, never
 * shared between threads. Expands variables in each file's text before parsing (and again over its strings), refuses
 * cycles and deep chains, and gathers every error and warning. Internal.
 */
final class Reading {

    /** A file being read; {@code height} is how deep the references below it reach. */
    private static final class Frame {

        final Path file;
        final Path real;
        int height;

        Frame(Path file, Path real) {
            this.file = file;
            this.real = real;
        }
    }

    private record Loaded(Object draft, int height) {
    }

    private record CacheKey(Path file, boolean takesBase) {
    }

    private final Path root;
    private final Path rootDir;
    private final Path explicitRoot;
    private final Limits limits;
    private final SourceFiles files;
    private final EnvExpander env;
    private final Budget budget;
    private final YamlConverter.ScalarValues scalars = new YamlConverter.ScalarValues();
    private final MessageDigest sha256;
    private final List<ConfigError> errors = new ArrayList<>();
    private final List<ConfigError> warnings = new ArrayList<>();
    private final Map<Path, String> sources = new LinkedHashMap<>();
    private final Set<Path> unreadable = new HashSet<>();
    private final Map<CacheKey, Loaded> parsed = new HashMap<>();
    private final List<Frame> stack = new ArrayList<>();
    /** Where each {@code file://} string was written, by identity: the tree keeps the very string converted. */
    private final Map<String, Position> fileReferences = new IdentityHashMap<>();
    private ReferenceResolver references;
    private int slots;

    /**
     * @param explicitRoot a directory that widens the project root, or null
     * @param files        where the bytes of every file come from, or null for a bounded read from the disk
     */
    Reading(Path root, Map<String, String> env, Limits limits, Path explicitRoot, SourceFiles files) {
        this.root = root;
        // A root without a parent is "/", which the loader reports as a directory.
        this.rootDir = root.getParent() == null ? root : root.getParent();
        this.explicitRoot = explicitRoot;
        this.limits = limits;
        this.files = files;
        this.env = new EnvExpander(env);
        this.budget = new Budget(limits.maxValues(), limits.maxTextChars());
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Reads the root config and everything it reaches. */
    ReadResult run() throws ConfigException {
        Map<String, Object> tree = null;
        Map<String, Position> positions = null;
        try {
            Object draft = readRoot();
            if (errors.isEmpty()) {
                DraftMap resolved = new FileReferences(this::referencedText).resolve((DraftMap) draft);
                if (errors.isEmpty()) {
                    TreeEmitter emitter = new TreeEmitter(budget, slots);
                    tree = emitter.tree(resolved);
                    positions = emitter.positions();
                }
            }
        } catch (Budget.Exceeded e) {
            errors.add(ConfigError.in(root, e.text()
                    ? "the config expands to more than " + limits.textInWords() + " of text through aliases or"
                            + " repeated includes; refused as an alias bomb"
                    : "the config expands to more than " + limits.maxValues()
                            + " values through aliases or repeated includes"));
        }
        if (!errors.isEmpty()) {
            List<Path> reached = references == null ? List.of(root) : List.copyOf(references.referenced());
            throw new ConfigException(errors, reached);
        }
        return new ReadResult(root, tree, List.copyOf(sources.keySet()), Collections.unmodifiableMap(sources),
                HexFormat.of().formatHex(sha256.digest()), positions, List.copyOf(warnings));
    }

    // ---- called by YamlConverter ----

    void error(Position at, String message) {
        errors.add(new ConfigError(at.file(), at.line(), at.column(), message));
    }

    YamlConverter.ScalarValues scalars() {
        return scalars;
    }

    /**
     * The toolkit's second expansion, over a string of the parsed tree; warns at {@code at} about each unset variable
     * without a default. Returns null after recording why the string cannot be expanded.
     */
    String expand(String text, Position at) {
        if (!EnvExpander.mayChange(text)) {
            return text;
        }
        try {
            return env.expand(text, (name, offset) -> unset(name, at), null);
        } catch (EnvExpander.Failure e) {
            error(at, e.getMessage());
            return null;
        }
    }

    /** Remembers where a value that may be a {@code file://} reference was written, for its messages. */
    void fileReferenceAt(String value, Position at) {
        fileReferences.put(value, at);
    }

    /** Returns the draft of the file {@code reference} names, relative to {@code from}; null after an error. */
    Object include(Path from, String reference, Position at) {
        Target target = references.resolve(from, reference, Kind.INCLUDE, at);
        return target == null ? null : yaml(target, Kind.INCLUDE, at, false);
    }

    /** Describes a draft value in words, for messages: {@code a list}, {@code a string ('x')}. */
    static String describe(Object value) {
        if (value instanceof DraftMap) {
            return "a map";
        }
        if (value instanceof DraftList) {
            return "a list";
        }
        if (value instanceof String text) {
            return "a string (" + Text.quote(text) + ")";
        }
        if (value instanceof Boolean) {
            return "a boolean (" + value + ")";
        }
        if (value instanceof Number) {
            String number = value.toString();
            return "a number (" + (number.length() <= Text.MAX_SHOWN ? number : Text.quote(number)) + ")";
        }
        return "null";
    }

    // ---- internals ----

    private Object readRoot() {
        Path real;
        try {
            real = root.toRealPath();
        } catch (IOException e) {
            // Missing, a dangling link, or unreachable: the loader says which in plain words.
            try {
                SourceText.load(root, limits, files, true);
                errors.add(ConfigError.in(root, "cannot be read: " + Text.reason(e)));
            } catch (SourceText.Unusable unusable) {
                errors.add(unusable.in(root));
            }
            return null;
        }
        try {
            references = new ReferenceResolver(ProjectRoot.find(rootDir, explicitRoot), this::error);
        } catch (NoSuchFileException e) {
            errors.add(ConfigError.in(root, "the project root " + Text.quote(String.valueOf(explicitRoot))
                    + " given with root= or --root does not exist"));
            return null;
        } catch (IOException e) {
            errors.add(ConfigError.in(root, "cannot find the project root: " + Text.reason(e)));
            return null;
        }
        references.known(root, real);
        stack.add(new Frame(root, real));
        return parse(new Target(root, real), true);
    }

    /** Returns the text of a {@code file://} reference, or null after recording why it cannot be read. */
    private String referencedText(Slot slot, String reference) {
        Position at = fileReferences.getOrDefault(slot.value(), slot.position());
        Target target = references.resolve(slot.position().file(), reference, Kind.TEXT, at);
        return target == null ? null : text(target, false);
    }

    /** Returns the draft of an included or base file, checking cycles and depth first; null after an error. */
    private Object yaml(Target target, Kind kind, Position at, boolean takesBase) {
        for (int i = 0; i < stack.size(); i++) {
            if (stack.get(i).real.equals(target.real())) {
                StringBuilder chain = new StringBuilder();
                for (Frame frame : stack.subList(i, stack.size())) {
                    chain.append(display(frame.file)).append(" -> ");
                }
                error(at, (kind == Kind.BASE ? "base cycle: " : "include cycle: ") + chain + display(target.file()));
                return null;
            }
        }
        CacheKey key = new CacheKey(target.file(), takesBase);
        Loaded loaded = parsed.get(key);
        int depth = stack.size() + (loaded == null ? 0 : loaded.height());
        if (depth > limits.maxIncludeDepth()) {
            error(at, "includes and bases are nested more than " + limits.maxIncludeDepth() + " levels deep");
            return null;
        }
        if (loaded == null) {
            stack.add(new Frame(target.file(), target.real()));
            Object draft = parse(target, takesBase);
            Frame done = stack.remove(stack.size() - 1);
            loaded = new Loaded(draft, done.height);
            parsed.put(key, loaded);
        }
        Frame parent = stack.get(stack.size() - 1);
        parent.height = Math.max(parent.height, loaded.height() + 1);
        return loaded.draft();
    }

    /**
     * Parses and converts one YAML file, its variables expanded in the text first as the toolkit does; a root or base
     * file must hold a map and may itself have a base.
     */
    private Object parse(Target target, boolean takesBase) {
        Path file = target.file();
        String text = text(target, true);
        if (text == null) {
            return null;
        }
        SourceMap.Builder pieces = new SourceMap.Builder();
        List<Map.Entry<String, Integer>> unset = new ArrayList<>();
        String expanded;
        try {
            expanded = env.expand(text, (name, offset) -> unset.add(Map.entry(name, offset)), pieces);
        } catch (EnvExpander.Failure e) {
            errors.add(at(SourceMap.IDENTITY.atOriginal(file, e.offset(), text), e.getMessage()));
            return null;
        }
        SourceMap map = pieces.build(text, expanded);
        unset.forEach(variable -> unset(variable.getKey(), map.atOriginal(file, variable.getValue(), text)));
        if (expanded.length() > limits.maxFileBytes()) {
            errors.add(ConfigError.in(file, "with its variables expanded the file is larger than the "
                    + limits.fileSizeInWords() + " limit"));
            return null;
        }
        Node node;
        try {
            node = YamlSyntax.compose(expanded, file, limits, map);
        } catch (ConfigException e) {
            errors.addAll(e.errors());
            return null;
        }
        YamlConverter converter = new YamlConverter(this, file, takesBase, map);
        Object draft = node == null ? null : converter.convertDocument(node);
        slots += converter.slots();
        if (!takesBase) {
            return draft;
        }
        if (draft == null) {
            draft = new DraftMap();
        }
        if (!(draft instanceof DraftMap own)) {
            error(converter.position(node), "the top level of a config must be a map, not " + describe(draft));
            return null;
        }
        Slot base = converter.base();
        return base == null ? own : withBase(file, own, base);
    }

    /** The toolkit's {@code deep_merge}: maps merge key by key; anything else, lists and null included, replaces. */
    private DraftMap withBase(Path file, DraftMap own, Slot base) {
        Target target = references.resolve(file, (String) base.value(), Kind.BASE, base.position());
        Object inherited = target == null ? null : yaml(target, Kind.BASE, base.position(), true);
        return inherited instanceof DraftMap map ? DraftMap.merge(map, own, budget) : own;
    }

    private void unset(String name, Position at) {
        warnings.add(at(at, "environment variable " + name + " is not set; using an empty string"));
    }

    private static ConfigError at(Position at, String message) {
        return new ConfigError(at.file(), at.line(), at.column(), message);
    }

    /** Returns the text of a file, reading it once per read and hashing it in reading order; null after an error. */
    private String text(Target target, boolean yaml) {
        Path file = target.file();
        String text = sources.get(file);
        if (text != null || unreadable.contains(file)) {
            return text;
        }
        SourceText source;
        try {
            // The source is asked by the name the result lists the file under; the checks look at the real file.
            source = SourceText.load(target.real(), limits, files == null ? null : ignored -> files.read(file), yaml);
        } catch (SourceText.Unusable e) {
            unreadable.add(file);
            errors.add(e.in(file));
            return null;
        }
        // Path, length and bytes, so that moving content between files changes the hash too.
        sha256.update(file.toString().getBytes(StandardCharsets.UTF_8));
        sha256.update(ByteBuffer.allocate(9).put((byte) 0).putLong(source.bytes().length).flip());
        sha256.update(source.bytes());
        sources.put(file, source.text());
        return source.text();
    }

    private String display(Path file) {
        return file.startsWith(rootDir) ? rootDir.relativize(file).toString() : file.toString();
    }
}
