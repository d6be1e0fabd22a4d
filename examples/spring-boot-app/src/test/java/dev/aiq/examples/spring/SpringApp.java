package dev.aiq.examples.spring;

import static org.awaitility.Awaitility.await;

import dev.aiq.sample.testing.ConfigDir;
import dev.aiq.sample.testing.HostProcess;
import dev.aiq.sample.testing.Http;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The example app in a child JVM, driven over HTTP: a copy of the example's {@code workflow/workflow.yml} in a temp
 * directory, the app started on it with {@link HostProcess} (the sample host's launcher, which runs
 * {@code java [jvmArgs] -jar spring-boot-app.jar serve fastapi --config_file workflow.yml ...}; Spring ignores the
 * two words that are not options), and {@code GET /generate} as text.
 *
 * <pre>{@code
 * SpringApp app = SpringApp.in(ConfigDir.in(temp));
 * try (HostProcess process = app.start(AgentJar.javaagent(""))) {
 *     app.awaitGenerate("\"temperature\":0.2");
 * }
 * }</pre>
 */
final class SpringApp {

    static final String WORKFLOW = "workflow.yml";

    private static final Pattern JSON_STRING_ENTRY = Pattern.compile("\"(\\w+)\":\"([^\"]*)\"");

    private final ConfigDir dir;
    private int port;

    private SpringApp(ConfigDir dir) {
        this.dir = dir;
        dir.writeInPlace(WORKFLOW, original());
    }

    /** Copies the example's workflow into {@code dir}. */
    static SpringApp in(ConfigDir dir) {
        return new SpringApp(dir);
    }

    /** The example's own workflow text (in {@code workflow/}, relative to the module). */
    static String original() {
        try {
            return Files.readString(Path.of("workflow", WORKFLOW));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The original workflow with {@code from} replaced by {@code to}; fails if {@code from} is not in it. */
    static String edited(String from, String to) {
        String text = original();
        if (!text.contains(from)) {
            throw new IllegalArgumentException(WORKFLOW + " has no '" + from + "'");
        }
        return text.replace(from, to);
    }

    /** Starts the app on a free port of 127.0.0.1 with these JVM arguments, and waits until it serves. */
    HostProcess start(String... jvmArgs) {
        HostProcess process = HostProcess.serve(dir.file(WORKFLOW)).jvmArgs(jvmArgs)
                .args("--server.port=0", "--server.address=127.0.0.1").start();
        port = process.port();
        return process;
    }

    /** The directory holding the workflow file. */
    ConfigDir dir() {
        return dir;
    }

    /** {@code GET /generate?prompt=...}'s body; fails unless the status is 200. */
    String generate(String prompt) {
        Http.Response response = Http.get(port, "/generate?prompt=" + prompt);
        if (response.status() != 200) {
            throw new AssertionError("GET /generate answered " + response);
        }
        return response.body();
    }

    /** {@code GET /beans}: which {@code WorkflowProperties} instance the service holds, and which the context does. */
    Map<String, String> beans() {
        Http.Response response = Http.get(port, "/beans");
        if (response.status() != 200) {
            throw new AssertionError("GET /beans answered " + response);
        }
        Map<String, String> beans = new TreeMap<>();
        Matcher entry = JSON_STRING_ENTRY.matcher(response.body());
        while (entry.find()) {
            beans.put(entry.group(1), entry.group(2));
        }
        return beans;
    }

    /** Waits until {@code GET /generate} answers with a body containing every one of {@code parts}, and returns it. */
    String awaitGenerate(String... parts) {
        try {
            return await().atMost(HostProcess.TIMEOUT).until(() -> generate("hi"), body -> containsAll(body, parts));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("GET /generate never answered with " + String.join(", ", parts) + "; it says "
                    + generate("hi"), e);
        }
    }

    private static boolean containsAll(String body, String... parts) {
        for (String part : parts) {
            if (!body.contains(part)) {
                return false;
            }
        }
        return true;
    }
}
