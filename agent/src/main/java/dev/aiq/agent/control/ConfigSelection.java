package dev.aiq.agent.control;

import dev.aiq.agent.protocol.ErrorCode;
import java.util.ArrayList;
import java.util.List;

/**
 * Which of a JVM's configs a request means: the one whose root file's path or whose name equals what the request
 * names, else the only one whose path contains it; without a name, the JVM's only config. Anything else is refused
 * with a {@link Refusal} that lists the candidates. The same rules serve the socket and the JVM-level MXBean.
 * Internal.
 */
final class ConfigSelection {

    /**
     * A request that names no config, or not exactly one, with the code the protocol sends for it.
     */
    static class Refusal extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final ErrorCode code;

        Refusal(ErrorCode code, String message) {
            super(message, null, false, false);
            this.code = code;
        }

        /** Why it was refused. */
        ErrorCode code() {
            return code;
        }
    }

    private ConfigSelection() {
    }

    /**
     * Selects the config {@code wanted} names among {@code configs}.
     *
     * @param configs   the JVM's configs, in order
     * @param wanted    a path or a substring of one, or null for "the only one"
     * @param howToName how the caller names a config, for the refusal ({@code name one with --config})
     * @throws Refusal when there is no config, or {@code wanted} does not pick exactly one
     */
    static ConfigControl select(List<ConfigControl> configs, String wanted, String howToName) {
        if (configs.isEmpty()) {
            throw new Refusal(ErrorCode.NO_CONFIG, "development mode is waiting for the config provider's first call");
        }
        if (wanted == null) {
            if (configs.size() == 1) {
                return configs.get(0);
            }
            throw new Refusal(ErrorCode.CONFIG_NOT_NAMED, "this JVM has " + configs.size() + " configs; " + howToName
                    + ": " + describe(configs));
        }
        List<ConfigControl> matching = new ArrayList<>();
        for (ConfigControl config : configs) {
            String file = pathOf(config);
            if (file.equals(wanted) || config.name().equals(wanted)) {
                return config;
            }
            if (!wanted.isEmpty() && file.contains(wanted)) {
                matching.add(config);
            }
        }
        if (matching.size() == 1) {
            return matching.get(0);
        }
        if (matching.isEmpty()) {
            throw new Refusal(ErrorCode.CONFIG_UNKNOWN, "no config of this JVM matches '" + wanted + "'; its configs: "
                    + describe(configs));
        }
        throw new Refusal(ErrorCode.CONFIG_AMBIGUOUS, "'" + wanted + "' matches " + matching.size() + " configs; "
                + howToName + " (a path or a longer substring): " + describe(matching));
    }

    /** The configs' root files (their names where they have none), comma-separated. */
    static String describe(List<ConfigControl> configs) {
        List<String> names = new ArrayList<>();
        for (ConfigControl config : configs) {
            names.add(config.configFile() == null ? config.name() : config.configFile().toString());
        }
        return String.join(", ", names);
    }

    private static String pathOf(ConfigControl config) {
        return config.configFile() == null ? "" : config.configFile().toString();
    }
}
