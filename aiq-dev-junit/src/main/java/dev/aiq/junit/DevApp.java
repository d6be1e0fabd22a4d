package dev.aiq.junit;

import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The handle a test gets on its app running under the aiq-dev agent: the app's output and pid, its config file to
 * edit the ways editors and Kubernetes do, the agent's status, history and last outcome over its control socket,
 * waits for the next generation or the next failure, and the {@code aiq-dev} command line aimed at the app.
 *
 * <pre>{@code
 * long before = app.generation();
 * Json outcome = app.awaitNextGeneration(() -> app.edit(SaveStyle.ATOMIC_RENAME, "greeting: Hi\n"));
 * assertThat(outcome.path("generation").asLong()).isEqualTo(before + 1);
 * }</pre>
 *
 * <p>Made by {@link AiqDevExtension}; closing it stops the app.
 */
public final class DevApp implements AutoCloseable {

    /** How long the {@code await...} methods wait. */
    public static final Duration TIMEOUT = AppProcess.TIMEOUT;

    private final AppProcess process;
    private final ConfigEditor config;
    private final String configName;
    private final ControlSocket control;
    private final List<String> agentOutput = new ArrayList<>();

    DevApp(AppProcess process, ConfigEditor config, String configName) {
        this.process = process;
        this.config = config;
        this.configName = configName;
        this.control = ControlSocket.of(process.pid());
    }

    /** Returns the running app: its output, stdin and exit. */
    public AppProcess process() {
        return process;
    }

    /** Returns the app's pid. */
    public long pid() {
        return process.pid();
    }

    /** Returns every line the app (and the agent in it) printed so far. */
    public List<String> output() {
        return process.lines();
    }

    /** Returns the app's config file. */
    public Path configFile() {
        return config.file(configName);
    }

    /** Returns the editor of the config's directory, for other files there (includes, prompts). */
    public ConfigEditor config() {
        return config;
    }

    /** Writes the config file anew with {@code content}, saved the way {@code style} names. */
    public Path edit(SaveStyle style, String content) {
        return config.write(style, configName, content);
    }

    /** Returns the control-socket client of the app. */
    public ControlSocket control() {
        return control;
    }

    /** Returns the agent's status of the JVM: {@code active}, {@code pid}, {@code configs[]}, {@code problems}. */
    public Json status() {
        return control.status();
    }

    /** Returns the status of the app's (first) config: {@code generation}, {@code last}, {@code watchedFiles}... */
    public Json configStatus() {
        return status().path("configs", 0);
    }

    /** Returns the live generation of the config. */
    public long generation() {
        return configStatus().path("generation").asLong();
    }

    /** Returns the outcome of the last reload attempt: {@code kind}, {@code success}, {@code generation}... */
    public Json lastOutcome() {
        return configStatus().path("last");
    }

    /** Returns the config's history, newest first. */
    public Json history() {
        return control.history();
    }

    /** Reloads now (as {@code aiq-dev reload}) and returns the outcome. */
    public Json reload() {
        return control.reload();
    }

    /** Validates the files on disk without applying them and returns the outcome. */
    public Json validate() {
        return control.validate();
    }

    /** Goes back one generation and returns the outcome. */
    public Json rollback() {
        return control.rollback(1);
    }

    /** Sets a live override and returns the outcome. */
    public Json set(String path, String value) {
        return control.set(path, value);
    }

    /** Removes a live override and returns the outcome. */
    public Json unset(String path) {
        return control.unset(path);
    }

    /** Runs {@code aiq-dev operation <pid> more...} as a real process, for example {@code cli("status", "--json")}. */
    public AiqDevCli.Result cli(String operation, String... more) {
        List<String> args = new ArrayList<>(List.of(operation, Long.toString(pid())));
        args.addAll(List.of(more));
        return AiqDevCli.run(args.toArray(String[]::new));
    }

    /** Waits until dev mode is active in the app: its control socket serves and reports it active. */
    public DevApp awaitActive() {
        awaitValue("dev mode active in pid " + pid(), () -> control.find().isPresent() && status().path("active")
                .asBoolean() ? Boolean.TRUE : null);
        return this;
    }

    /** Waits until the live generation is at least {@code generation}; returns the last outcome then. */
    public Json awaitGeneration(long generation) {
        return awaitOutcome("generation " + generation, config -> config.path("generation").asLong() >= generation
                && config.path("last", "generation").asLong() >= generation);
    }

    /** Runs {@code change} (an edit, a CLI call) and waits for the generation after the current one. */
    public Json awaitNextGeneration(Runnable change) {
        long before = generation();
        change.run();
        return awaitGeneration(before + 1);
    }

    /**
     * Runs {@code change} and waits for a failed outcome that was not the last one before; returns it (its
     * {@code errors} say why, with file:line:col).
     */
    public Json awaitNextFailure(Runnable change) {
        Json before = lastOutcome();
        change.run();
        return awaitOutcome("a failed reload", config -> !config.path("last").equals(before)
                && !config.path("last", "success").asBoolean());
    }

    /** Runs {@code change} and waits for any outcome that was not the last one before. */
    public Json awaitNextOutcome(Runnable change) {
        Json before = lastOutcome();
        change.run();
        return awaitOutcome("a new outcome", config -> !config.path("last").equals(before));
    }

    /** Keeps what attaching the agent printed, for {@link #describe()}. */
    void agentPrinted(String output) {
        agentOutput.add(output);
    }

    /** Returns the app's and the agent's output, for failure reports. */
    public String describe() {
        String attached = agentOutput.isEmpty() ? "" : "\naiq-dev printed:\n" + String.join("\n", agentOutput);
        return process + attached;
    }

    /** Stops the app. */
    @Override
    public void close() {
        process.close();
    }

    /** Waits until the config's status passes {@code done}; returns its last outcome then. */
    private Json awaitOutcome(String what, Predicate<Json> done) {
        return awaitValue(what, () -> {
            Json config = configStatus();
            return done.test(config) ? config.path("last") : null;
        });
    }

    private <T> T awaitValue(String what, Callable<T> probe) {
        try {
            return await(what).atMost(TIMEOUT).pollInterval(Duration.ofMillis(50)).ignoreExceptions()
                    .until(probe, found -> found != null);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("no " + what + " within " + TIMEOUT + "; " + describe(), e);
        }
    }
}
