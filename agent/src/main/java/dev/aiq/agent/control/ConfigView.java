package dev.aiq.agent.control;

import dev.aiq.agent.mask.Masking;
import dev.aiq.agent.protocol.ErrorCode;
import dev.aiq.agent.protocol.ShownConfig;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.representer.Representer;

/**
 * A config tree as {@code show} and {@code validate --print} present it: masked first (so a path that ends at a
 * secret shows {@value Masking#MASK}, as the whole tree would), then cut to the subtree at a dotted path
 * ({@code llms.nim_llm}, {@code mcp_servers[0].url}), and written as block YAML. Stateless. Internal.
 */
public final class ConfigView {

    /** A path that names nothing in the config: the {@code show} request's {@link ErrorCode#NOT_FOUND}. */
    static final class NotFound extends ConfigSelection.Refusal {

        private static final long serialVersionUID = 1L;

        NotFound(String message) {
            super(ErrorCode.NOT_FOUND, message);
        }
    }

    private ConfigView() {
    }

    /**
     * What {@code show} replies for {@code tree}, the live tree of config {@code name} at {@code generation}.
     *
     * @param path a dotted path, or null or blank for the whole tree
     * @throws NotFound when {@code path} names nothing in the tree
     */
    public static ShownConfig show(String name, long generation, Map<String, Object> tree, String path) {
        String wanted = path == null || path.isBlank() ? null : path.strip();
        Object value = at(Masking.masked(tree), wanted);
        return new ShownConfig(name, generation, wanted, value, yaml(value));
    }

    /** {@code value} (already masked) as block YAML, ending with a line break. */
    public static String yaml(Object value) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setIndicatorIndent(2);
        options.setIndentWithIndicator(true);
        options.setWidth(Integer.MAX_VALUE);
        options.setSplitLines(false);
        Yaml yaml = new Yaml(new Representer(options), options);
        return yaml.dump(value);
    }

    /** The subtree of {@code tree} at {@code path} (null: the tree itself). */
    static Object at(Object tree, String path) {
        if (path == null) {
            return tree;
        }
        Object node = tree;
        StringBuilder walked = new StringBuilder();
        for (String segment : path.split("\\.", -1)) {
            int bracket = segment.indexOf('[');
            String key = bracket < 0 ? segment : segment.substring(0, bracket);
            if (!key.isEmpty()) {
                node = child(node, key, path, walked);
                walked.append(walked.length() == 0 ? "" : ".").append(key);
            } else if (bracket < 0) {
                throw new NotFound("'" + path + "' is not a path: it has an empty segment");
            }
            while (bracket >= 0) {
                int close = segment.indexOf(']', bracket);
                String index = close < 0 ? "" : segment.substring(bracket + 1, close);
                if (!index.matches("\\d{1,9}")) {
                    throw new NotFound("'" + path + "' is not a path: a list index is a number in brackets, [0]");
                }
                node = item(node, Integer.parseInt(index), path, walked);
                walked.append('[').append(index).append(']');
                bracket = segment.indexOf('[', close);
            }
        }
        return node;
    }

    private static Object child(Object node, String key, String path, CharSequence walked) {
        if (!(node instanceof Map<?, ?> map) || !map.containsKey(key)) {
            throw new NotFound("no '" + path + "' in the live config: " + where(walked)
                    + (node instanceof Map<?, ?> map2 ? " has no key '" + key + "'; its keys: " + map2.keySet()
                    : " is not a mapping"));
        }
        return map.get(key);
    }

    private static Object item(Object node, int index, String path, CharSequence walked) {
        if (!(node instanceof List<?> list) || index >= list.size()) {
            throw new NotFound("no '" + path + "' in the live config: " + where(walked)
                    + (node instanceof List<?> list2 ? " has " + list2.size() + " items" : " is not a list"));
        }
        return list.get(index);
    }

    private static String where(CharSequence walked) {
        return walked.length() == 0 ? "the config" : "'" + walked + "'";
    }
}
