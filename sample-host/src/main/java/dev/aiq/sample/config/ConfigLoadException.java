package dev.aiq.sample.config;

/**
 * A config that cannot be loaded: unreadable, not YAML, or not a valid workflow.
 *
 * <p>The message is one line. When one key is to blame it starts with that key's dotted path, for example
 * {@code workflow.llm_name: LLM 'missing' is not defined in llms}, so a tool can point at the line in the file; a
 * YAML syntax error starts with {@code file:line:column} instead.
 */
public final class ConfigLoadException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String path;

    /**
     * Creates an exception for the key at {@code path}.
     *
     * @param path    the dotted path of the offending key, or an empty string when no key is to blame; not null
     * @param problem a plain sentence, not null
     */
    public ConfigLoadException(String path, String problem) {
        super(Quoted.line(path.isEmpty() ? problem : path + ": " + problem));
        this.path = path;
    }

    /** Returns the dotted path of the offending key, or an empty string when no single key is to blame. */
    public String path() {
        return path;
    }
}
