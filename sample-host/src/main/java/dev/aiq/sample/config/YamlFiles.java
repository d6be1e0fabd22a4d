package dev.aiq.sample.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.DuplicateKeyException;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.scanner.ScannerImpl;

/**
 * Internal. Reads a config file into a tree of plain maps, lists and scalars exactly as the NeMo Agent toolkit's
 * loader ({@code nat/utils/io/yaml_tools.py}) does: variables expanded in the raw text, parsed as PyYAML parses it,
 * variables expanded again over the strings of the tree, {@code file://} values replaced by prompt files, and a
 * top-level {@code base: other.yml} deep-merged under the file. {@code !include other.yml} is this app's extension.
 *
 * <p>{@code base}, {@code !include} and {@code file://} are relative to the real directory of the file that names
 * them, or absolute, and must stay inside the project root (the nearest directory above the config with a project
 * marker, else the config's own directory). One instance reads one config.
 */
final class YamlFiles {

    private static final Tag INCLUDE = new Tag("!include");
    private static final String FILE_PREFIX = "file://";
    private static final Set<String> PROMPT_EXTENSIONS = Set.of(".txt", ".md", ".j2", ".jinja2", ".jinja", ".prompt",
            ".tpl", ".template");
    private static final List<String> PROJECT_MARKERS = List.of(".git", "pom.xml", "build.gradle", "build.gradle.kts",
            "pyproject.toml", "package.json");
    private static final Pattern DIRECTIVE_ALONE = Pattern.compile("(?s)\\s*(%[^\\n]*\\n?\\s*|#[^\\n]*\\n?\\s*)+");

    static {
        // PyYAML knows these escapes in double-quoted strings; SnakeYAML 2.x does not.
        ScannerImpl.ESCAPE_REPLACEMENTS.putIfAbsent('/', "/");
        ScannerImpl.ESCAPE_REPLACEMENTS.putIfAbsent('\t', "\t");
    }

    private final ToolkitVariables variables;
    private final Path projectRoot;
    /** The files being read, innermost last: a file that is already here closes a cycle. */
    private final Deque<Path> reading = new ArrayDeque<>();

    private YamlFiles(Map<String, String> environment, Path projectRoot) {
        this.variables = new ToolkitVariables(environment);
        this.projectRoot = projectRoot;
    }

    /**
     * Reads {@code file} with its base files, includes and prompt files, variables from {@code environment}.
     *
     * @return a new, mutable tree; an empty file gives an empty map
     * @throws ConfigLoadException if a file cannot be read, is not YAML, or its top level is not a map
     */
    static Map<String, Object> read(Path file, Map<String, String> environment) throws ConfigLoadException {
        Path real = realPath(file);
        return new YamlFiles(environment, projectRoot(real.getParent())).readWithBase(real);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> readWithBase(Path file) throws ConfigLoadException {
        if (reading.contains(file)) {
            throw new ConfigLoadException("base", "base config " + file + " is already being read (a cycle)");
        }
        reading.addLast(file);
        try {
            Object root = parse(file);
            if (root == null) {
                return new LinkedHashMap<>();
            }
            if (!(root instanceof Map)) {
                throw new ConfigLoadException("", file + ":1:1: the config must be a map of sections such as llms and"
                        + " workflow, not " + describe(root));
            }
            Map<String, Object> tree = (Map<String, Object>) root;
            if (!tree.containsKey("base")) {
                return tree;
            }
            Object base = tree.get("base");
            if (!(base instanceof String)) {
                throw new ConfigLoadException("base", "expected the name of a base config file, got " + describe(base));
            }
            Map<String, Object> merged = deepMerge(readWithBase(reference(file, (String) base, "base", "base config: ")), tree);
            merged.remove("base");
            return merged;
        } finally {
            reading.removeLast();
        }
    }

    /** One file: expanded, parsed, expanded again over its strings, its {@code file://} values replaced. */
    private Object parse(Path file) throws ConfigLoadException {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ConfigLoadException("", "cannot read config file " + file + ": " + reason(e));
        }
        String expanded = expanded(text, file + ": ");
        if (DIRECTIVE_ALONE.matcher(expanded).matches() && expanded.strip().startsWith("%")) {
            throw new ConfigLoadException("", file + ": a directive must be followed by '---' and a document");
        }
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        Object tree;
        try {
            tree = new Yaml(new IncludingConstructor(options, file), new Representer(new DumperOptions()),
                    new DumperOptions(), options, new PythonTypes()).load(expanded);
        } catch (IncludeFailed e) {
            throw e.failure;
        } catch (MarkedYAMLException e) {
            throw new ConfigLoadException("", at(file, e.getProblemMark() != null ? e.getProblemMark()
                    : e.getContextMark()) + sentence(e));
        } catch (YAMLException e) {
            throw new ConfigLoadException("", file + ": " + e.getMessage());
        }
        Object again = expandStrings(tree, file);
        return unwrapped(again instanceof Map<?, ?> map ? fileReferences(map, file) : again);
    }

    /** An included file's tree, already expanded and resolved in its own file: the including file leaves it be. */
    private record Included(Object tree) {
    }

    private static Object unwrapped(Object value) {
        if (value instanceof Included included) {
            return included.tree();
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((key, item) -> copy.put(key, unwrapped(item)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(item -> copy.add(unwrapped(item)));
            return copy;
        }
        return value;
    }

    private String expanded(String text, String where) throws ConfigLoadException {
        try {
            return variables.expand(text);
        } catch (ToolkitVariables.Refused e) {
            throw new ConfigLoadException("", where + e.getMessage());
        }
    }

    /** The toolkit's second pass: every string value (not key), in maps and lists. */
    @SuppressWarnings("unchecked")
    private Object expandStrings(Object value, Path file) throws ConfigLoadException {
        if (value instanceof String text) {
            return text.indexOf('$') < 0 && text.indexOf('\\') < 0 ? text : expanded(text, file + ": ");
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                copy.put(entry.getKey(), expandStrings(entry.getValue(), file));
            }
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            for (Object item : list) {
                copy.add(expandStrings(item, file));
            }
            return copy;
        }
        return value;
    }

    /** {@code file://} in string values of maps reached through maps only (lists are left alone, as there). */
    private Map<Object, Object> fileReferences(Map<?, ?> map, Path file) throws ConfigLoadException {
        Map<Object, Object> result = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            Object value = entry.getValue();
            if (value instanceof Map<?, ?> inner) {
                value = fileReferences(inner, file);
            } else if (value instanceof String text && text.startsWith(FILE_PREFIX)) {
                value = promptText(file, text.substring(FILE_PREFIX.length()), String.valueOf(entry.getKey()));
            }
            result.put(entry.getKey(), value);
        }
        return result;
    }

    private String promptText(Path from, String name, String key) throws ConfigLoadException {
        checkPromptExtension(name.substring(name.lastIndexOf('/') + 1), name, key);
        Path prompt = reference(from, name, key, "prompt file: ");
        checkPromptExtension(prompt.getFileName().toString(), name, key);
        try {
            return Files.readString(prompt).replace("\r\n", "\n").replace('\r', '\n');
        } catch (IOException e) {
            throw new ConfigLoadException(key, "cannot read prompt file " + Quoted.value(name) + ": " + reason(e));
        }
    }

    /** The toolkit reads only prompt-like files: checked on the name as written, then on the real file. */
    private static void checkPromptExtension(String fileName, String name, String key) throws ConfigLoadException {
        int dot = fileName.lastIndexOf('.');
        String extension = dot <= 0 || dot == fileName.length() - 1 ? "" : fileName.substring(dot).toLowerCase(Locale.ROOT);
        if (!PROMPT_EXTENSIONS.contains(extension)) {
            throw new ConfigLoadException(key, Quoted.value(FILE_PREFIX + name) + " is not a prompt file; file:// reads"
                    + " only .j2, .jinja, .jinja2, .md, .prompt, .template, .tpl, .txt");
        }
    }

    /**
     * Resolves a reference as the toolkit does (relative to the real directory of {@code from}, or absolute), inside
     * the project root; problems are reported at {@code key} (a dotted path, or empty) after {@code where}.
     */
    private Path reference(Path from, String name, String key, String where) throws ConfigLoadException {
        Path named;
        try {
            named = from.resolveSibling(name).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            throw new ConfigLoadException(key, where + Quoted.value(name) + " is not a valid path");
        }
        Path real;
        try {
            real = named.toRealPath();
        } catch (IOException e) {
            throw new ConfigLoadException(key, where + "cannot read " + named + ": " + reason(e));
        }
        if (!real.startsWith(projectRoot)) {
            throw new ConfigLoadException(key, where + Quoted.value(name) + " is outside the project root "
                    + projectRoot);
        }
        if (!Files.isRegularFile(real)) {
            throw new ConfigLoadException(key, where + "cannot read " + named + ": not a file");
        }
        return real;
    }

    private static Path realPath(Path file) throws ConfigLoadException {
        try {
            return file.toAbsolutePath().normalize().toRealPath();
        } catch (IOException e) {
            throw new ConfigLoadException("", "cannot read config file " + file + ": " + reason(e));
        }
    }

    private static Path projectRoot(Path configDir) {
        for (Path dir = configDir; dir != null; dir = dir.getParent()) {
            for (String marker : PROJECT_MARKERS) {
                if (Files.exists(dir.resolve(marker))) {
                    return dir;
                }
            }
        }
        return configDir;
    }

    private static String sentence(MarkedYAMLException e) {
        String problem = e.getProblem() == null ? "invalid YAML" : e.getProblem();
        if (e instanceof DuplicateKeyException) {
            return "duplicate key " + Quoted.value(problem.replaceFirst("^found duplicate key ", ""));
        }
        String line = e.getContext() == null ? problem : problem + " (" + e.getContext() + ")";
        int end = line.indexOf('\n');
        return end < 0 ? line : line.substring(0, end);
    }

    private static String at(Path file, Mark mark) {
        return mark == null ? file + ": " : file + ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1) + ": ";
    }

    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof CharacterCodingException) {
            return "not valid UTF-8";
        }
        return String.valueOf(e.getMessage());
    }

    private static String describe(Object value) {
        if (value instanceof List) {
            return "a list";
        }
        if (value instanceof Map) {
            return "a map";
        }
        return Quoted.value(value);
    }

    /** Returns {@code base} with {@code overlay} merged in: maps merge key by key, anything else is replaced. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> deepMerge(Map<String, Object> base, Map<String, Object> overlay) {
        Map<String, Object> merged = new LinkedHashMap<>(base);
        overlay.forEach((key, value) -> {
            Object under = merged.get(key);
            if (under instanceof Map && value instanceof Map) {
                merged.put(key, deepMerge((Map<String, Object>) under, (Map<String, Object>) value));
            } else {
                merged.put(key, value);
            }
        });
        return merged;
    }

    /** SnakeYAML's safe constructor plus {@code !include relative.yml}. */
    private final class IncludingConstructor extends SafeConstructor {

        IncludingConstructor(LoaderOptions options, Path file) {
            super(options);
            yamlConstructors.put(INCLUDE, new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    String where = at(file, node.getStartMark());
                    try {
                        if (!(node instanceof ScalarNode)) {
                            throw new ConfigLoadException("", where + "!include takes a file name");
                        }
                        Path included = reference(file, ((ScalarNode) node).getValue(), "", where + "include: ");
                        if (reading.contains(included)) {
                            throw new ConfigLoadException("", where + "cannot include " + included
                                    + ": it is already being read (a cycle)");
                        }
                        reading.addLast(included);
                        try {
                            return new Included(parse(included));
                        } finally {
                            reading.removeLast();
                        }
                    } catch (ConfigLoadException e) {
                        throw new IncludeFailed(e);
                    }
                }
            });
        }
    }

    /** Carries a failed include out through SnakeYAML, which only lets unchecked exceptions pass. */
    private static final class IncludeFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final transient ConfigLoadException failure;

        IncludeFailed(ConfigLoadException failure) {
            super(failure.getMessage(), null, false, false);
            this.failure = failure;
        }
    }
}
