package dev.aiq.sample.configs;

import dev.aiq.api.ConfigProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Internal. A host whose provider reads a file that its config does not name: {@code greeting.txt} beside the YAML,
 * so only the agent option {@code watch=} tells the agent about it. Every tick it calls {@code load(config)} and
 * prints {@code tick N name=X greeting=Y}.
 *
 * <p>Usage: {@code WatchedFileHost CONFIG_FILE}; runs until it is stopped.
 */
public final class WatchedFileHost {

    /** The file beside the config that the provider reads too. */
    static final String GREETING = "greeting.txt";

    private WatchedFileHost() {
    }

    /** The provider: the file's YAML map plus {@code greeting}, the text of {@value #GREETING} beside it. */
    @ConfigProvider
    public static Map<String, Object> load(Path file) throws IOException {
        Map<String, Object> config = HostLoop.readYaml(file);
        config.put("greeting", Files.readString(file.resolveSibling(GREETING)).strip());
        return config;
    }

    /** Runs the host; see the class comment. */
    public static void main(String[] args) throws InterruptedException {
        Path config = Path.of(args[0]);
        HostLoop.tickForever(() -> {
            Map<String, Object> live = load(config);
            return "name=" + live.get("name") + " greeting=" + live.get("greeting");
        });
    }
}
