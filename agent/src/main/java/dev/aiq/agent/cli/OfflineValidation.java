package dev.aiq.agent.cli;

import dev.aiq.agent.mask.Masking;
import dev.aiq.agent.yaml.ConfigError;
import dev.aiq.agent.yaml.ConfigException;
import dev.aiq.agent.yaml.ConfigSummary;
import dev.aiq.agent.yaml.ReadResult;
import dev.aiq.agent.yaml.YamlReader;
import dev.aiq.api.ConfigOverrides;
import dev.aiq.api.OverrideException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code aiq-dev validate --config_file F} without a running app: the agent's own YAML reader, then the overrides,
 * then a summary; or every error with its position. Internal.
 */
final class OfflineValidation {

    /**
     * What the validation found.
     *
     * @param config   the config file as given
     * @param valid    whether it reads and every override applies
     * @param summary  counts of its sections, or null when not valid
     * @param warnings non-fatal findings, rendered
     * @param errors   every error, in the order found; empty when valid
     * @param tree     with {@code --print}, the resolved tree (includes, bases, file references, overrides
     *                 applied) with its secrets masked; else null
     */
    record Report(Path config, boolean valid, ConfigSummary summary, List<String> warnings, List<Problem> errors,
                  Object tree) {
    }

    /**
     * One error, as the JSON output carries it.
     *
     * @param file    the file it is in, or null
     * @param line    1-based line, or null when unknown
     * @param column  1-based column, or null when unknown
     * @param message the reason
     * @param text    the error as printed: {@code config.yml:12:5: reason}
     */
    record Problem(String file, Integer line, Integer column, String message, String text) {
    }

    private OfflineValidation() {
    }

    /**
     * Reads {@code config} with {@code reader}, the one the live agent builds from the same options ({@code --root}
     * here, {@code root=} there), and applies {@code overrides}; {@code print}: the report carries the resolved tree.
     */
    static Report run(Path config, ConfigOverrides overrides, YamlReader reader, boolean print) {
        Path root = config.toAbsolutePath().normalize().getParent();
        ReadResult read = null;
        try {
            read = reader.read(config.toAbsolutePath().normalize());
            Map<String, Object> tree = overrides.applyTo(read.tree());
            List<String> warnings = read.warnings().stream().map(warning -> warning.render(root)).toList();
            return new Report(config, true, ConfigSummary.of(tree, read.files()), warnings, List.of(),
                    print ? Masking.masked(tree) : null);
        } catch (ConfigException e) {
            List<Problem> problems = e.errors().stream().map(error -> problem(error, root)).toList();
            return new Report(config, false, null, List.of(), problems, null);
        } catch (OverrideException e) {
            // at the key's position in the file, as the running app says it
            ConfigError error = read.errorAt(e.path(), e.getMessage() + " (--override)");
            return new Report(config, false, null, List.of(), List.of(problem(error, root)), null);
        }
    }

    private static Problem problem(ConfigError error, Path root) {
        return new Problem(error.file() == null ? null : error.file().toString(), known(error.line()),
                known(error.column()), error.message(), error.render(root));
    }

    /** A position the reader knows, or null: 0 means it does not. */
    private static Integer known(int position) {
        return position > 0 ? position : null;
    }
}
