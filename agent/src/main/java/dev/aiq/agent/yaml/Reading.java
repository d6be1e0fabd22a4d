package dev.aiq.agent.yaml;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/**
 * One read of a config and everything it reaches: the mutable state of a single {@link YamlReader#read} call, never
 * shared between threads. Finds files, confines them to the root config's directory, refuses cycles and deep chains,
 * and gathers every error and warning. Internal.
 */
final class Reading {

    /** How a file is referred to; decides the wording of problems. */
    private enum Kind {
        INCLUDE("included file", "!include needs a file name", "include cycle"),
        BASE("base file", "'base' needs a file name", "base cycle"),
        TEXT("referenced file", "file:// needs a file name", "");

        final String noun;
        final String blank;
        final String cycle;

        Kind(String noun, String blank, String cycle) {
            this.noun = noun;
            this.blank = blank;
            this.cycle = cycle;
        }

        String label(String reference) {
            return switch (this) {
                case INCLUDE -> "include '" + reference + "'";
                case BASE -> "base '" + reference + "'";
                case TEXT -> "'file://" + reference + "'";
            };
        }
    }

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

    private record Target(Path file, Path real) {
    }

    private record Loaded(Object draft, int height) {
    }

    private record CacheKey(Path file, boolean takesBase) {
    }

    private final Path root;
    private final Path rootDir;
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
    private final Set<Path> referenced = new LinkedHashSet<>();
    private final Map<CacheKey, Loaded> parsed = new HashMap<>();
    private final List<Frame> stack = new ArrayList<>();
    private Path realRootDir;
    private int slots;

    /** @param files where the bytes of every file come from, or null for a bounded read from the disk */
    Reading(Path root, Map<String, String> env, Limits limits, SourceFiles files) {
        this.root = root;
        this.files = files;
        // A root without a parent is "/", which the loader reports as a directory.
        this.rootDir = root.getParent() == null ? root : root.getParent();
        this.limits = limits;
        this.env = new EnvExpander(env);
        this.budget = new Budget(limits.maxValues());
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Reads the root config and everything it reaches. */
    ReadResult run() throws ConfigException {
        referenced.add(root);
        Map<String, Object> tree = null;
        Map<String, Position> positions = null;
        try {
            Object draft = readRoot();
            if (errors.isEmpty()) {
                TreeEmitter emitter = new TreeEmitter(budget, slots);
                tree = emitter.tree((DraftMap) draft);
                positions = emitter.positions();
            }
        } catch (Budget.Exceeded e) {
            errors.add(ConfigError.in(root, "the config expands to more than " + limits.maxValues()
                    + " values through aliases or repeated includes"));
        }
        if (!errors.isEmpty()) {
            throw new ConfigException(errors, List.copyOf(referenced));
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

    /** Expands {@code ${VAR}} references, warning at {@code at} about each unset variable without a default. */
    String expand(String text, Position at) {
        return env.expand(text, name -> warnings.add(new ConfigError(at.file(), at.line(), at.column(),
                "environment variable " + name + " is not set; using an empty string")));
    }

    /** Returns the draft of the file {@code reference} names, relative to {@code from}; null after an error. */
    Object include(Path from, String reference, Position at) {
        Target target = resolve(from, reference, Kind.INCLUDE, at);
        return target == null ? null : yaml(target, Kind.INCLUDE, at, false);
    }

    /** Returns the text of the file {@code reference} names, relative to {@code from}; null after an error. */
    String fileText(Path from, String reference, Position at) {
        Target target = resolve(from, reference, Kind.TEXT, at);
        return target == null ? null : text(target);
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
            return "a string ('" + text + "')";
        }
        if (value instanceof Boolean) {
            return "a boolean (" + value + ")";
        }
        if (value instanceof Number) {
            return "a number (" + value + ")";
        }
        return "null";
    }

    // ---- internals ----

    private Object readRoot() {
        Path real;
        try {
            realRootDir = rootDir.toRealPath();
            real = root.toRealPath();
        } catch (IOException e) {
            // Missing, a dangling link, or unreachable: the loader says which in plain words.
            try {
                SourceText.load(root, limits, files);
                errors.add(ConfigError.in(root, "cannot be read: " + e));
            } catch (SourceText.Unusable unusable) {
                errors.add(unusable.in(root));
            }
            return null;
        }
        stack.add(new Frame(root, real));
        return parse(new Target(root, real), true);
    }

    /** Returns the target of {@code reference}, or null after recording why it cannot be used. */
    private Target resolve(Path from, String reference, Kind kind, Position at) {
        if (reference.isBlank()) {
            error(at, kind.blank);
            return null;
        }
        Path file;
        try {
            file = from.resolveSibling(reference).normalize();
        } catch (InvalidPathException e) {
            error(at, kind.label(reference) + " is not a valid path");
            return null;
        }
        referenced.add(file);
        // Checked on the names first, so that nothing outside is even looked at, then on the real paths.
        if (!file.startsWith(rootDir)) {
            error(at, kind.label(reference) + " leaves the config directory");
            return null;
        }
        Path real;
        try {
            real = file.toRealPath();
        } catch (NoSuchFileException e) {
            error(at, kind.noun + " '" + reference + "' does not exist");
            return null;
        } catch (IOException e) {
            error(at, kind.noun + " '" + reference + "' cannot be read: " + e);
            return null;
        }
        if (!real.startsWith(realRootDir)) {
            error(at, kind.label(reference) + " leaves the config directory (it resolves to " + real + ")");
            return null;
        }
        if (Files.isDirectory(real)) {
            error(at, kind.noun + " '" + reference + "' is a directory, not a file");
            return null;
        }
        return new Target(file, real);
    }

    /** Returns the draft of an included or base file, checking cycles and depth first; null after an error. */
    private Object yaml(Target target, Kind kind, Position at, boolean takesBase) {
        for (int i = 0; i < stack.size(); i++) {
            if (stack.get(i).real.equals(target.real())) {
                StringBuilder chain = new StringBuilder();
                for (Frame frame : stack.subList(i, stack.size())) {
                    chain.append(display(frame.file)).append(" -> ");
                }
                error(at, kind.cycle + ": " + chain + display(target.file()));
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

    /** Parses and converts one YAML file; a root or base file must hold a map and may itself have a base. */
    private Object parse(Target target, boolean takesBase) {
        String text = text(target);
        if (text == null) {
            return null;
        }
        Node node;
        try {
            node = YamlSyntax.compose(text, target.file(), limits);
        } catch (ConfigException e) {
            errors.addAll(e.errors());
            return null;
        }
        YamlConverter converter = new YamlConverter(this, target.file(), takesBase);
        Object draft = node == null ? null : converter.convertDocument(node);
        slots += converter.slots();
        if (!takesBase) {
            return draft;
        }
        if (draft == null) {
            draft = new DraftMap();
        }
        if (!(draft instanceof DraftMap map)) {
            error(converter.position(node), "the top level of a config must be a map, not " + describe(draft));
            return null;
        }
        Slot base = converter.base();
        return base == null ? map : withBase(target.file(), map, base);
    }

    private DraftMap withBase(Path file, DraftMap own, Slot base) {
        Target target = resolve(file, (String) base.value(), Kind.BASE, base.position());
        Object inherited = target == null ? null : yaml(target, Kind.BASE, base.position(), true);
        return inherited instanceof DraftMap map ? DraftMap.merge(map, own, budget) : own;
    }

    /** Returns the text of a file, reading it once per read and hashing it in reading order; null after an error. */
    private String text(Target target) {
        Path file = target.file();
        String text = sources.get(file);
        if (text != null || unreadable.contains(file)) {
            return text;
        }
        SourceText source;
        try {
            source = SourceText.load(target.real(), limits, files);
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
