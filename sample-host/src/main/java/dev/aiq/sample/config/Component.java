package dev.aiq.sample.config;

import java.util.Map;

/** A config entry whose implementation is chosen by its {@code _type}: an LLM, a function, the workflow, and so on. */
public interface Component {

    /** Returns the {@code _type}, or null when the entry has none. */
    String type();

    /**
     * Returns the keys this app does not interpret itself, sorted by key (Jackson collects them in a hash map, so the
     * file's order is lost); never null, unmodifiable.
     */
    Map<String, Object> extra();
}
