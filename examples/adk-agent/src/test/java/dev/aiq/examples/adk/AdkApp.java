package dev.aiq.examples.adk;

import dev.aiq.sample.testing.ConfigDir;
import dev.aiq.sample.testing.HostProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The example app in a child JVM, driven through its console: a copy of the example's own {@code agents/} YAML in a
 * temp directory, the app started on it with {@link HostProcess} (the sample host's launcher, which runs
 * {@code java [jvmArgs] -jar adk-agent.jar run console --config_file root_agent.yaml}), and one method per console
 * command that returns the app's one-line answer.
 *
 * <pre>{@code
 * AdkApp app = AdkApp.in(ConfigDir.in(temp));
 * try (HostProcess process = app.start(AgentJar.javaagent(""))) {
 *     assertThat(app.say("s1", "hello")).startsWith("[concierge ");
 * }
 * }</pre>
 */
final class AdkApp {

    static final String ROOT = "root_agent.yaml";
    static final String GREETER = "greeter.yaml";
    static final String FORECASTER = "forecaster.yaml";
    static final String READY = "ADK agent ready: ";

    private final ConfigDir dir;
    private HostProcess process;

    private AdkApp(ConfigDir dir) {
        this.dir = dir;
        for (String name : new String[] {ROOT, GREETER, FORECASTER}) {
            dir.writeInPlace(name, original(name));
        }
    }

    /** Copies the example's agents into {@code dir}. */
    static AdkApp in(ConfigDir dir) {
        return new AdkApp(dir);
    }

    /** The example's own text of {@code name} (in {@code agents/}, relative to the module). */
    static String original(String name) {
        try {
            return Files.readString(Path.of("agents", name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code name}'s original text with {@code from} replaced by {@code to}; fails if {@code from} is not in it. */
    static String edited(String name, String from, String to) {
        String text = original(name);
        if (!text.contains(from)) {
            throw new IllegalArgumentException(name + " has no '" + from + "'");
        }
        return text.replace(from, to);
    }

    /** Starts the app with these JVM arguments and waits until it answers. */
    HostProcess start(String... jvmArgs) {
        process = HostProcess.console(dir.file(ROOT)).jvmArgs(jvmArgs).start();
        process.awaitLine(READY);
        return process;
    }

    /** The directory holding the agents' YAML. */
    ConfigDir dir() {
        return dir;
    }

    /** One turn of conversation {@code session}: the agent's reply. */
    String say(String session, String text) {
        return reply(ask(session, text), session);
    }

    /** Starts a turn of conversation {@code session} without waiting for it; {@link #reply} waits for its answer. */
    int ask(String session, String text) {
        int mark = process.mark();
        process.send("say " + session + " " + text);
        return mark;
    }

    /** The reply to the turn {@link #ask} started ({@code mark} is what it returned). */
    String reply(int mark, String session) {
        return answerAfter(mark, "reply " + session + ": ");
    }

    /** Every event of conversation {@code session}, as {@code author: text | ...}. */
    String history(String session) {
        return command("history " + session, "history " + session + ": ");
    }

    /** The agent tree that answers new turns, one {@code name model=... temperature=... ...} entry per agent. */
    String agents() {
        return command("agents", "agents: ");
    }

    private String command(String line, String answerPrefix) {
        int mark = process.mark();
        process.send(line);
        return answerAfter(mark, answerPrefix);
    }

    private String answerAfter(int mark, String answerPrefix) {
        String answer = process.awaitLineAfter(mark, answerPrefix);
        return answer.substring(answer.indexOf(answerPrefix) + answerPrefix.length());
    }
}
