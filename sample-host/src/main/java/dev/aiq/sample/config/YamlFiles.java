package dev.aiq.sample.config;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

/**
 * Internal. Reads a config file into a tree of plain maps, lists and scalars, the way the AIQ toolkit does: a
 * top-level {@code base: other.yml} is deep-merged under the file, {@code !include other.yml} is replaced by that
 * file's content, and {@code ${VAR}} / {@code ${VAR:-default}} in text are replaced from the environment.
 *
 * <p>Both {@code base} and {@code !include} are relative to the file that names them. One instance reads one config.
 */
final class YamlFiles {

    private static final Tag INCLUDE = new Tag("!include");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(:-([^}]*))?}");

    private final Map<String, String> environment;
    /** The files being read, innermost last: a file that is already here closes a cycle. */
    private final Deque<Path> reading = new ArrayDeque<>();

    private YamlFiles(Map<String, String> environment) {
        this.environment = environment;
    }

    /**
     * Reads {@code file} with its base files and includes, then expands variables from {@code environment}.
     *
     * @return a new, mutable tree; an empty file gives an empty map
     * @throws ConfigLoadException if a file cannot be read, is not YAML, or its top level is not a map
     */
    static Map<String, Object> read(Path file, Map<String, String> environment) throws ConfigLoadException {
        YamlFiles files = new YamlFiles(environment);
        return files.expand(files.readWithBase(file));
    }

    private Map<String, Object> readWithBase(Path file) throws ConfigLoadException {
        reading.addLast(file.toAbsolutePath().normalize());
        try {
            return readWithBaseOnce(file);
        } finally {
            reading.removeLast();
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> readWithBaseOnce(Path file) throws ConfigLoadException {
        Object root = parse(file);
        if (root == null) {
            return new LinkedHashMap<>();
        }
        if (!(root instanceof Map)) {
            throw new ConfigLoadException("", file + ":1:1: the config must be a map of sections such as llms and "
                    + "workflow, not " + describe(root));
        }
        Map<String, Object> tree = (Map<String, Object>) root;
        Object base = tree.remove("base");
        if (base == null) {
            return tree;
        }
        if (!(base instanceof String)) {
            throw new ConfigLoadException("base", "expected the name of a base config file, got " + describe(base));
        }
        Path baseFile = file.resolveSibling((String) base);
        if (!Files.isRegularFile(baseFile)) {
            throw new ConfigLoadException("base", "cannot read base config " + baseFile + ": no such file");
        }
        if (isBeingRead(baseFile)) {
            throw new ConfigLoadException("base", "base config " + baseFile + " is already being read (a cycle)");
        }
        return deepMerge(readWithBase(baseFile), tree);
    }

    private Object parse(Path file) throws ConfigLoadException {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ConfigLoadException("", "cannot read config file " + file + ": " + reason(e));
        }
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        reading.addLast(file.toAbsolutePath().normalize());
        try {
            return new Yaml(new IncludingConstructor(options, file)).load(text);
        } catch (IncludeFailed e) {
            throw e.failure;
        } catch (MarkedYAMLException e) {
            throw new ConfigLoadException("", at(file, e.getProblemMark() != null ? e.getProblemMark()
                    : e.getContextMark()) + sentence(e));
        } catch (YAMLException e) {
            throw new ConfigLoadException("", file + ": " + e.getMessage().replace('\n', ' '));
        } finally {
            reading.removeLast();
        }
    }

    private boolean isBeingRead(Path file) {
        return reading.contains(file.toAbsolutePath().normalize());
    }

    private static String sentence(MarkedYAMLException e) {
        String problem = e.getProblem() == null ? "invalid YAML" : e.getProblem();
        if (e instanceof DuplicateKeyException) {
            return "duplicate key '" + problem.replaceFirst("^found duplicate key ", "") + "'";
        }
        return e.getContext() == null ? problem : problem + " (" + e.getContext() + ")";
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
        return e.getMessage();
    }

    private static String describe(Object value) {
        if (value instanceof List) {
            return "a list";
        }
        if (value instanceof Map) {
            return "a map";
        }
        return "'" + value + "'";
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

    @SuppressWarnings("unchecked")
    private <T> T expand(T value) {
        if (value instanceof String) {
            return (T) expandText((String) value);
        }
        if (value instanceof Map) {
            Map<Object, Object> expanded = new LinkedHashMap<>();
            ((Map<Object, Object>) value).forEach((key, item) -> expanded.put(key, expand(item)));
            return (T) expanded;
        }
        if (value instanceof List) {
            List<Object> expanded = new ArrayList<>();
            ((List<Object>) value).forEach(item -> expanded.add(expand(item)));
            return (T) expanded;
        }
        return value;
    }

    /** Like the shell: {@code ${VAR:-default}} uses the default when VAR is unset or empty; unset VAR is empty. */
    private String expandText(String text) {
        if (text.indexOf("${") < 0) {
            return text;
        }
        Matcher matcher = VARIABLE.matcher(text);
        StringBuilder expanded = new StringBuilder();
        while (matcher.find()) {
            String value = environment.get(matcher.group(1));
            if ((value == null || value.isEmpty()) && matcher.group(2) != null) {
                value = matcher.group(3);
            }
            matcher.appendReplacement(expanded, Matcher.quoteReplacement(value == null ? "" : value));
        }
        return matcher.appendTail(expanded).toString();
    }

    /** SnakeYAML's safe constructor plus {@code !include relative.yml}. */
    private final class IncludingConstructor extends SafeConstructor {

        IncludingConstructor(LoaderOptions options, Path file) {
            super(options);
            yamlConstructors.put(INCLUDE, new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    String where = at(file, node.getStartMark());
                    if (!(node instanceof ScalarNode)) {
                        throw new IncludeFailed(new ConfigLoadException("", where + "!include takes a file name"));
                    }
                    Path included = file.resolveSibling(((ScalarNode) node).getValue());
                    if (isBeingRead(included)) {
                        throw new IncludeFailed(new ConfigLoadException("", where + "cannot include " + included
                                + ": it is already being read (a cycle)"));
                    }
                    if (!Files.isRegularFile(included)) {
                        throw new IncludeFailed(new ConfigLoadException("", where + "cannot include " + included
                                + ": no such file"));
                    }
                    try {
                        return parse(included);
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
