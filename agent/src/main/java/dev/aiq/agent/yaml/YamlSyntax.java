package dev.aiq.agent.yaml;

import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.scanner.ScannerImpl;

/**
 * Parses one file's text into SnakeYAML's node graph with the limits on, read as PyYAML (the toolkit's parser) reads
 * it: its escapes, its implicit types, a directive without a document refused. Turns SnakeYAML's exceptions into one
 * plain sentence with a position in the file as written. Internal.
 */
final class YamlSyntax {

    private static final Pattern CANNOT_START = Pattern.compile("found character '(.+?)' that cannot start any token.*");
    private static final Pattern UNKNOWN_ESCAPE = Pattern.compile("found unknown escape character (.+?)\\(\\d+\\)");
    private static final Pattern EXPECTED_END = Pattern.compile("expected <block end>, but found '?(.+?)'?");
    private static final Pattern DIRECTIVE = Pattern.compile("^(%\\S*)", Pattern.MULTILINE);
    private static final Map<String, String> TOKENS = Map.ofEntries(
            Map.entry("<block mapping start>", "key"),
            Map.entry("<block sequence start>", "list"),
            Map.entry("<block end>", "end of a block"),
            Map.entry("<scalar>", "text"),
            Map.entry("<stream end>", "end of the file"),
            Map.entry("<alias>", "alias"),
            Map.entry("<anchor>", "anchor"),
            Map.entry("<tag>", "tag"),
            Map.entry("<document start>", "'---'"),
            Map.entry("<document end>", "'...'"),
            Map.entry("?", "key"),
            Map.entry("-", "list item"));

    static {
        // PyYAML, the toolkit's parser, also knows these two escapes in double-quoted strings (JSON's "\/" among them);
        // SnakeYAML 2.x does not. This is the agent's own relocated SnakeYAML, so nothing else sees the change.
        ScannerImpl.ESCAPE_REPLACEMENTS.putIfAbsent('/', "/");
        ScannerImpl.ESCAPE_REPLACEMENTS.putIfAbsent('\t', "\t");
    }

    private YamlSyntax() {
    }

    /**
     * Returns the single document of {@code text}, or null when it holds none.
     *
     * @throws ConfigException with one error, positioned in {@code file}
     */
    static Node compose(String text, Path file, Limits limits, SourceMap map) throws ConfigException {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setAllowRecursiveKeys(false);
        options.setMaxAliasesForCollections(limits.maxAliases());
        options.setNestingDepthLimit(limits.maxNestingDepth());
        options.setCodePointLimit((int) limits.maxFileBytes());
        // Nothing is constructed from tags here: YamlConverter accepts only the standard ones and !include, and
        // reports every other tag with its position, instead of stopping at the first as SnakeYAML's check would.
        options.setTagInspector(tag -> true);
        TrackingParser parser = new TrackingParser(new ParserImpl(new StreamReader(text), options));
        Node node;
        try {
            node = new Composer(parser, new PythonResolver(), options).getSingleNode();
        } catch (MarkedYAMLException e) {
            throw new ConfigException(describe(file, e, map));
        } catch (YAMLException e) {
            throw new ConfigException(describe(file, e, parser.lastMark(), limits, map));
        }
        if (node == null) {
            refuseDirectiveAlone(text, file, map);
        }
        return node;
    }

    /** PyYAML refuses a directive that no {@code ---} and document follow; SnakeYAML reads it as an empty stream. */
    private static void refuseDirectiveAlone(String text, Path file, SourceMap map) throws ConfigException {
        Matcher directive = DIRECTIVE.matcher(text);
        if (directive.find()) {
            Position at = map.at(file, new Mark("", directive.start(), lineOf(text, directive.start()), 0, new int[0], 0));
            throw new ConfigException(new ConfigError(file, at.line(), at.column(),
                    "a " + Text.quote(directive.group(1)) + " directive must be followed by '---' and a document"));
        }
    }

    private static int lineOf(String text, int offset) {
        int line = 0;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static ConfigError describe(Path file, MarkedYAMLException e, SourceMap map) {
        String problem = String.valueOf(e.getProblem());
        String context = e.getContext() == null ? "" : e.getContext();
        Mark at = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        Mark opened = e.getContextMark();
        String message;
        Matcher matcher;
        if (problem.contains("\\t(TAB)") || problem.contains("\t(TAB)") || problem.contains("'\t'")) {
            message = "tabs are not allowed for indentation";
        } else if (context.startsWith("while scanning a quoted scalar") && opened != null) {
            at = opened;
            message = "unclosed quote: this string is never closed";
        } else if ((matcher = UNKNOWN_ESCAPE.matcher(problem)).matches()) {
            message = "unknown escape '\\" + matcher.group(1) + "' in a double-quoted string";
        } else if (problem.equals("mapping values are not allowed here")) {
            message = "':' is not allowed here; check the indentation, or quote a value that contains ': '";
        } else if ((matcher = CANNOT_START.matcher(problem)).matches()) {
            message = "a value cannot start with " + Text.quote(matcher.group(1)) + "; put it in quotes";
        } else if (context.equals("while parsing a flow sequence") && opened != null) {
            message = "expected ',' or ']' in the list opened at " + map.where(file, opened);
        } else if (context.equals("while parsing a flow mapping") && opened != null) {
            message = "expected ',' or '}' in the map opened at " + map.where(file, opened);
        } else if (context.startsWith("while parsing a block") && opened != null
                && (matcher = EXPECTED_END.matcher(problem)).matches()) {
            String block = context.equals("while parsing a block mapping") ? "map" : "list";
            message = "unexpected " + token(matcher.group(1)) + "; check the indentation of the " + block
                    + " that starts at " + map.where(file, opened);
        } else if (problem.startsWith("expected the node content, but found '")) {
            message = "expected a key or value, found " + token(problem.substring(38, problem.length() - 1));
        } else if (problem.startsWith("found undefined alias ")) {
            message = "unknown alias " + Text.quote("*" + problem.substring(22));
        } else if (context.equals("expected a single document in the stream")) {
            message = "a config is one YAML document, but a second one starts here";
        } else if (context.startsWith("while scanning a simple key") && opened != null) {
            at = opened;
            message = "this key has no ':' after it";
        } else {
            message = oneLine(problem + (context.isEmpty() ? "" : " (" + context + ")"));
        }
        return at == null ? ConfigError.in(file, message) : at(map.at(file, at), message);
    }

    private static ConfigError at(Position position, String message) {
        return new ConfigError(position.file(), position.line(), position.column(), message);
    }

    private static ConfigError describe(Path file, YAMLException e, Mark last, Limits limits, SourceMap map) {
        String text = String.valueOf(e.getMessage());
        String message;
        if (text.startsWith("Nesting Depth exceeded")) {
            message = "lists and maps are nested more than " + limits.maxNestingDepth() + " levels deep";
        } else if (text.startsWith("Number of aliases")) {
            message = "more than " + limits.maxAliases() + " aliases of lists or maps; this looks like a 'billion laughs'"
                    + " document";
        } else if (text.contains("exceeds the limit")) {
            message = "file is larger than the " + limits.fileSizeInWords() + " limit";
            last = null;
        } else {
            message = oneLine(text);
        }
        return last == null ? ConfigError.in(file, message) : at(map.at(file, last), message);
    }

    private static String token(String name) {
        return TOKENS.getOrDefault(name, "'" + name + "'");
    }

    private static String oneLine(String text) {
        String line = text.strip();
        int end = line.indexOf('\n');
        return end < 0 ? line : line.substring(0, end).strip();
    }
}
