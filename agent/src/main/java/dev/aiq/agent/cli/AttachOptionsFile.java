package dev.aiq.agent.cli;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The options {@code aiq-dev attach} hands to the agent: {@code key=value} lines ({@code config}, {@code provider},
 * {@code delay}, {@code poll}, {@code override} with value {@code PATH=VALUE}, and any {@code --option}). Values may
 * contain commas, so they always travel in a private temp file (0600) named by an {@code @/path} options string.
 * Internal.
 */
final class AttachOptionsFile {

    private final List<String> lines;

    private AttachOptionsFile(List<String> lines) {
        this.lines = List.copyOf(lines);
    }

    /**
     * Builds the options; null or empty arguments are left out.
     *
     * @param config    the config file, made absolute (the target's working directory is not ours)
     * @param providers {@code com.acme.ConfigLoader#load} each
     * @param delay     debounce quiet period in seconds
     * @param poll      polling interval in seconds
     * @param overrides alternating paths and values
     * @param extra     any further {@code key=value}
     * @throws IllegalArgumentException when a value holds a line break, or the overrides are not pairs
     */
    static AttachOptionsFile of(Path config, List<String> providers, Double delay, Double poll, List<String> overrides,
                           Map<String, String> extra) {
        if (overrides.size() % 2 != 0) {
            throw new IllegalArgumentException("--override takes two values, PATH and VALUE");
        }
        List<String> lines = new ArrayList<>();
        if (config != null) {
            add(lines, "config", config.toAbsolutePath().normalize().toString());
        }
        providers.forEach(provider -> add(lines, "provider", provider));
        if (delay != null) {
            add(lines, "delay", seconds(delay));
        }
        if (poll != null) {
            add(lines, "poll", seconds(poll));
        }
        for (int i = 0; i < overrides.size(); i += 2) {
            add(lines, "override", overrides.get(i) + "=" + overrides.get(i + 1));
        }
        extra.forEach((key, value) -> add(lines, key, value));
        return new AttachOptionsFile(lines);
    }

    /** The {@code key=value} lines in order. */
    List<String> lines() {
        return lines;
    }

    /**
     * Writes the lines to a new temp file readable by its owner only; when {@code owner} is another user (aiq-dev run
     * by root for a target of that user), the file is given to them so the target can read it.
     *
     * @return the file; delete it once the agent has been loaded
     */
    Path write(String owner) throws IOException {
        Path file = Files.createTempFile("aiq-dev-options-", ".txt",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(file, lines, StandardCharsets.UTF_8);
        if (owner != null && !owner.equals(System.getProperty("user.name"))) {
            try {
                UserPrincipal user = file.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(owner);
                Files.setOwner(file, user);
            } catch (IOException | UnsupportedOperationException e) {
                // not root, or no such user here: the target may still read it (same uid under another name)
            }
        }
        return file;
    }

    /** The options string that names {@code file}. */
    static String reference(Path file) {
        return "@" + file.toAbsolutePath();
    }

    private static void add(List<String> lines, String key, String value) {
        if (key.isBlank() || key.contains("=") || key.contains("\n") || value.contains("\n") || value.contains("\r")) {
            throw new IllegalArgumentException("agent option " + key + "=" + value.replace("\n", "\\n")
                    + " cannot be passed: keys need no '=', values no line breaks");
        }
        lines.add(key.strip() + "=" + value);
    }

    private static String seconds(double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("seconds must be a number of 0 or more, got " + value);
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
