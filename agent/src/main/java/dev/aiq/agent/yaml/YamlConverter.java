package dev.aiq.agent.yaml;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Turns one file's SnakeYAML node graph into a draft tree: checks tags and keys, expands variables in every string
 * value a second time (the toolkit's pass over the parsed tree; keys are not), resolves {@code !include} and
 * {@code <<} merge keys, and takes the top-level {@code base:} aside. Every
 * problem is recorded with its position and the conversion goes on, so one pass finds them all. Internal.
 */
final class YamlConverter {

    /** Scalars built from SnakeYAML's own safe constructors, so numbers and booleans read exactly as it reads them. */
    static final class ScalarValues extends SafeConstructor {

        ScalarValues() {
            super(new LoaderOptions());
        }

        Object construct(ScalarNode node) {
            return yamlConstructors.get(node.getTag()).construct(node);
        }
    }

    private static final String INCLUDE_TAG = "!include";
    private static final Set<Tag> CONSTRUCTED = Set.of(Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL);
    /** Kept as written: a date stays text, and {@code <<} as a value is just text. */
    private static final Set<Tag> AS_TEXT = Set.of(Tag.TIMESTAMP, Tag.MERGE, Tag.YAML);

    private final Reading reading;
    private final Path file;
    private final boolean takesBase;
    private final SourceMap map;
    private final Map<Node, Object> converted = new IdentityHashMap<>();
    private final Set<Node> converting = Collections.newSetFromMap(new IdentityHashMap<>());
    private Slot base;
    private int slots;

    /**
     * @param takesBase whether a top-level {@code base:} key names a file to inherit from (root and base files) rather
     *                  than being an ordinary key (included fragments)
     */
    YamlConverter(Reading reading, Path file, boolean takesBase, SourceMap map) {
        this.reading = reading;
        this.file = file;
        this.takesBase = takesBase;
        this.map = map;
    }

    /** Converts the document's root node. */
    Object convertDocument(Node root) {
        return convert(root, true);
    }

    /** Returns the top-level {@code base:} as the file name with the position of the value, or null if there is none. */
    Slot base() {
        return base;
    }

    /** Returns how many keys and list items were converted, so the caller can size its tables. */
    int slots() {
        return slots;
    }

    Position position(Node node) {
        return map.at(file, node.getStartMark());
    }

    private Object convert(Node node, boolean topLevel) {
        // Only an anchored node can be reached twice (through an alias), so only those are remembered.
        boolean anchored = node.getAnchor() != null;
        if (anchored) {
            if (converted.containsKey(node)) {
                return converted.get(node);
            }
            if (!converting.add(node)) {
                reading.error(position(node), "this " + kind(node) + " contains itself through an alias");
                return null;
            }
        }
        Object value;
        if (INCLUDE_TAG.equals(node.getTag().getValue())) {
            value = include(node);
        } else if (!allowedTag(node)) {
            reading.error(position(node), tagProblem(node.getTag()));
            value = null;
        } else if (node instanceof ScalarNode scalar) {
            value = scalar(scalar);
        } else if (node instanceof SequenceNode sequence) {
            value = list(sequence);
        } else {
            value = map((MappingNode) node, topLevel);
        }
        if (anchored) {
            converting.remove(node);
            converted.put(node, value);
        }
        return value;
    }

    private Object include(Node node) {
        Position at = position(node);
        if (!(node instanceof ScalarNode scalar)) {
            reading.error(at, "!include takes a file name, not a " + kind(node));
            return null;
        }
        return reading.include(file, reading.expand(scalar.getValue(), at), at);
    }

    private Object scalar(ScalarNode node) {
        Tag tag = node.getTag();
        if (tag.equals(Tag.STR)) {
            String text = node.getValue();
            String value = EnvExpander.mayChange(text) ? reading.expand(text, position(node)) : text;
            if (value != null && value.startsWith(FileReferences.PREFIX)) {
                reading.fileReferenceAt(value, position(node));
            }
            return value;
        }
        if (AS_TEXT.contains(tag)) {
            return node.getValue();
        }
        try {
            return reading.scalars().construct(node);
        } catch (RuntimeException e) {
            reading.error(position(node), Text.quote(node.getValue()) + " is not a valid " + typeName(tag));
            return null;
        }
    }

    private DraftList list(SequenceNode node) {
        DraftList list = new DraftList();
        for (Node item : node.getValue()) {
            list.items.add(new Slot(position(item), convert(item, false)));
            slots++;
        }
        return list;
    }

    private DraftMap map(MappingNode node, boolean topLevel) {
        DraftMap explicit = new DraftMap();
        List<DraftMap> merged = new ArrayList<>();
        for (NodeTuple tuple : node.getValue()) {
            Node keyNode = tuple.getKeyNode();
            Node valueNode = tuple.getValueNode();
            if (keyNode.getTag().equals(Tag.MERGE)) {
                mergeSources(keyNode, valueNode, merged);
                continue;
            }
            String key = key(keyNode);
            if (key == null) {
                continue;
            }
            Position at = position(keyNode);
            if (explicit.entries.containsKey(key) || (topLevel && takesBase && key.equals("base") && base != null)) {
                reading.error(at, "duplicate key " + Text.quote(key));
            } else if (topLevel && takesBase && key.equals("base")) {
                base = baseReference(valueNode);
            } else {
                explicit.entries.put(key, new Slot(at, convert(valueNode, false)));
                slots++;
            }
        }
        if (merged.isEmpty()) {
            return explicit;
        }
        // YAML merge keys: the first merged map wins over later ones, and the map's own keys win over all of them.
        DraftMap result = new DraftMap();
        for (DraftMap source : merged) {
            source.entries.forEach(result.entries::putIfAbsent);
        }
        result.entries.putAll(explicit.entries);
        return result;
    }

    private void mergeSources(Node keyNode, Node valueNode, List<DraftMap> merged) {
        Object value = convert(valueNode, false);
        List<Object> sources = new ArrayList<>();
        if (value instanceof DraftList list) {
            list.items.forEach(item -> sources.add(item.value()));
        } else {
            sources.add(value);
        }
        for (Object source : sources) {
            if (source instanceof DraftMap map) {
                merged.add(map);
            } else if (source != null) {
                reading.error(position(keyNode), "'<<' merges maps only, not " + Reading.describe(source));
            }
        }
    }

    private String key(Node keyNode) {
        if (!(keyNode instanceof ScalarNode scalar)) {
            reading.error(position(keyNode), "a key must be a plain value, not a " + kind(keyNode));
            return null;
        }
        if (INCLUDE_TAG.equals(keyNode.getTag().getValue())) {
            reading.error(position(keyNode), "!include cannot be used on a key");
            return null;
        }
        if (!allowedTag(keyNode)) {
            reading.error(position(keyNode), tagProblem(keyNode.getTag()));
            return null;
        }
        return scalar.getValue();
    }

    private Slot baseReference(Node valueNode) {
        Position at = position(valueNode);
        if (valueNode instanceof ScalarNode scalar && scalar.getTag().equals(Tag.STR)) {
            String reference = reading.expand(scalar.getValue(), at);
            return reference == null ? null : new Slot(at, reference);
        }
        String what;
        if (INCLUDE_TAG.equals(valueNode.getTag().getValue())) {
            what = "an " + INCLUDE_TAG;
        } else if (valueNode instanceof ScalarNode) {
            what = Reading.describe(convert(valueNode, false));
        } else {
            what = "a " + kind(valueNode);
        }
        reading.error(at, "'base' must be a file name, not " + what);
        return null;
    }

    private static boolean allowedTag(Node node) {
        Tag tag = node.getTag();
        return switch (node.getNodeId()) {
            case scalar -> tag.equals(Tag.STR) || CONSTRUCTED.contains(tag) || AS_TEXT.contains(tag);
            case sequence -> tag.equals(Tag.SEQ);
            case mapping -> tag.equals(Tag.MAP);
            default -> false;
        };
    }
    private static String tagProblem(Tag tag) {
        String value = tag.getValue();
        if (value.startsWith(Tag.PREFIX)) {
            return "tag " + Text.quote("!!" + value.substring(Tag.PREFIX.length())) + " is not allowed; only standard"
                    + " YAML tags and " + INCLUDE_TAG + " are";
        }
        if (value.startsWith("!")) {
            return "unknown tag " + Text.quote(value) + "; the only custom tag is " + INCLUDE_TAG;
        }
        return "tag " + Text.quote(value) + " is not allowed; only standard YAML tags and " + INCLUDE_TAG + " are";
    }

    private static String typeName(Tag tag) {
        if (tag.equals(Tag.INT)) {
            return "integer";
        }
        if (tag.equals(Tag.FLOAT)) {
            return "float";
        }
        if (tag.equals(Tag.BOOL)) {
            return "boolean";
        }
        return "null";
    }

    private static String kind(Node node) {
        return switch (node.getNodeId()) {
            case mapping -> "map";
            case sequence -> "list";
            default -> "value";
        };
    }
}
