package dev.aiq.sample.configs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aiq.sample.testing.Cli;
import dev.aiq.sample.testing.HostProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code aiq-dev status PID --json} says about each config of a host: its entry of the {@code configs} array,
 * found by the config's name (its file name, for example {@code root.yml}).
 *
 * @param json    the whole answer
 * @param configs the entries of {@code configs} by {@code name}, in the order listed
 */
record ConfigsStatus(JsonNode json, Map<String, JsonNode> configs) {

    /** Runs {@code status PID --json} against {@code host}; fails the test unless it exits 0. */
    static ConfigsStatus of(HostProcess host) {
        Cli.Result status = Cli.run("status", Long.toString(host.process().pid()), "--json");
        assertThat(status.exitCode()).as("%s", status).isZero();
        JsonNode json = status.json();
        Map<String, JsonNode> configs = new LinkedHashMap<>();
        for (JsonNode config : json.path("configs")) {
            configs.put(config.path("name").asText(), config);
        }
        return new ConfigsStatus(json, configs);
    }

    /** Returns the entry of the config named {@code name}; fails the test if there is none. */
    JsonNode config(String name) {
        JsonNode config = configs.get(name);
        assertThat(config).as("the config %s in %s", name, json).isNotNull();
        return config;
    }

    /** Returns the generation of the config named {@code name}. */
    long generation(String name) {
        return config(name).path("generation").asLong();
    }

    /** Returns the real paths of the files listed under {@code field} ({@code watchedFiles}, {@code dependencies}). */
    List<Path> files(String name, String field) {
        List<Path> files = new ArrayList<>();
        for (JsonNode file : config(name).path(field)) {
            files.add(realPath(Path.of(file.asText())));
        }
        return files;
    }

    /** Returns {@code file}'s real path (a temp directory may lie behind a symbolic link), or its absolute path. */
    static Path realPath(Path file) {
        try {
            return file.toRealPath();
        } catch (IOException gone) {
            return file.toAbsolutePath().normalize();
        }
    }
}
