package dev.aiq.agent;

import dev.aiq.api.ConfigOverrides;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The running JVM's own command line, read for the AIQ toolkit's {@code --config_file F} and
 * {@code --override PATH VALUE}: how {@code attach} learns the arguments of a provider it did not see being
 * called. Internal.
 *
 * @param args the process arguments after the executable
 */
record CommandLine(List<String> args) {

    static CommandLine ofThisProcess() {
        String[] fromOs = ProcessHandle.current().info().arguments().orElse(null);
        if (fromOs != null) {
            return new CommandLine(Arrays.asList(fromOs));
        }
        String command = System.getProperty("sun.java.command", "");
        return new CommandLine(Arrays.asList(command.split(" ")));
    }

    /** The existing file after {@code --config_file} (or {@code --config_file=F}), absolute; or null. */
    Path configFile() {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String value = null;
            if ((a.equals("--config_file") || a.equals("--config-file")) && i + 1 < args.size()) {
                value = args.get(i + 1);
            } else if (a.startsWith("--config_file=")) {
                value = a.substring("--config_file=".length());
            }
            if (value != null) {
                Path p = Path.of(System.getProperty("user.dir")).resolve(value).normalize();
                if (Files.isRegularFile(p)) {
                    return p;
                }
            }
        }
        return null;
    }

    /** Every {@code --override PATH VALUE} pair, in order. */
    ConfigOverrides overrides() {
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i + 2 < args.size(); i++) {
            if (args.get(i).equals("--override")) {
                pairs.add(args.get(i + 1));
                pairs.add(args.get(i + 2));
                i += 2;
            }
        }
        try {
            return ConfigOverrides.ofPairs(pairs);
        } catch (IllegalArgumentException e) {
            return ConfigOverrides.none();
        }
    }
}
