package dev.aiq.examples.adk;

import static dev.aiq.examples.adk.AdkApp.GREETER;
import static dev.aiq.examples.adk.AdkApp.ROOT;
import static dev.aiq.examples.adk.AdkApp.edited;
import static dev.aiq.examples.adk.AdkApp.original;
import static dev.aiq.sample.testing.DevModeLines.ACTIVE;
import static dev.aiq.sample.testing.DevModeLines.CONTINUES;
import static dev.aiq.sample.testing.DevModeLines.RELOAD_DONE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aiq.sample.testing.AgentJar;
import dev.aiq.sample.testing.ConfigDir;
import dev.aiq.sample.testing.HostProcess;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Google ADK example under the built agent: ADK's loader hooked without options, or attached to; edits of the root
 * and of a sub-agent applied to new turns of the same conversations; ADK's own refusals reported with its reason while
 * the last good agent keeps answering.
 */
class AdkDevModeIT {

    private static final String CONCIERGE = "[concierge model=fake-concierge temperature=0.2] You are a helpful concierge.";
    private static final String GREETER_REPLY = "[greeter model=fake-greeter temperature=0.7] You greet people warmly.";

    @TempDir
    Path temp;

    @Test
    void withoutOptionsAdksLoaderIsHookedAndAnEditedRootAnswersTheSameConversation() {
        AdkApp app = AdkApp.in(ConfigDir.in(temp.resolve("agents")));
        try (HostProcess process = app.start(AgentJar.javaagent(""))) {
            process.awaitLine(ACTIVE);
            assertThat(process.awaitLine("Known loader: "))
                    .contains("Google ADK (com.google.adk.agents.ConfigAgentUtils#fromConfig)", "known_loaders=false");
            assertThat(process.awaitLine("Also watching (read by nested calls): "))
                    .contains(app.dir().file(GREETER).toString(), app.dir().file(AdkApp.FORECASTER).toString());
            assertThat(app.say("s1", "first")).isEqualTo(CONCIERGE + " | turn 1 | you said: first");
            ConfigDir slow = ConfigDir.in(temp.resolve("slow"));
            Path release = slow.file("release");
            int inFlight = app.ask("s1", "/slow " + release);
            process.awaitLineAfter(inFlight, "slow model: waiting for " + release);

            int mark = process.mark();
            app.dir().writeInPlace(ROOT, edited(ROOT, "temperature: 0.2", "temperature: 0.9")
                    .replace("You are a helpful concierge.", "You are a terse concierge."));
            process.awaitLineAfter(mark, RELOAD_DONE);
            slow.writeInPlace("release", "go");

            assertThat(app.reply(inFlight, "s1")).as("a turn in flight finishes on the agent it started with")
                    .isEqualTo(CONCIERGE + " | turn 2 | you said: /slow " + release);
            assertThat(app.say("s1", "second")).as("the new agent, in the conversation the old one started")
                    .isEqualTo("[concierge model=fake-concierge temperature=0.9] You are a terse concierge. | turn 3"
                            + " | you said: second");
            String history = app.history("s1");
            assertThat(history).as("the conversation's earlier turns survive the reload")
                    .startsWith("user: first | concierge: " + CONCIERGE + " | turn 1 | you said: first | user: /slow ")
                    .contains(" | user: second | ");
            assertThat(app.say("s1", "/count three more words")).as("the tool, through the reloaded agent")
                    .endsWith("temperature=0.9] You are a terse concierge. | turn 4 | tool word_count said {words=3}");
        }
    }

    @Test
    void anAttachedAppAppliesASubAgentEditedAtomicallyAndInPlace() {
        AdkApp app = AdkApp.in(ConfigDir.in(temp));
        try (HostProcess process = app.start("-XX:+EnableDynamicAgentLoading")) {
            assertThat(app.say("s1", "@greeter hello")).isEqualTo(GREETER_REPLY + " | turn 1 | you said: @greeter hello");
            String pid = Long.toString(process.process().pid());

            AgentJar.Result attached = AgentJar.run("attach", pid, "--delay", "0.05");

            assertThat(attached.exitCode()).as("%s", attached).isZero();
            assertThat(attached.stdout()).contains("watching " + app.dir().file(ROOT));
            process.awaitLine(ACTIVE);

            int mark = process.mark();
            app.dir().writeAtomically(GREETER, edited(GREETER, "You greet people warmly.", "You greet people briefly."));
            process.awaitLineAfter(mark, RELOAD_DONE);
            assertThat(app.agents()).contains("; greeter model=fake-greeter temperature=0.7 tools=[] instruction=You greet"
                    + " people briefly.;");
            assertThat(app.say("s2", "@greeter hi")).isEqualTo("[greeter model=fake-greeter temperature=0.7] You greet"
                    + " people briefly. | turn 1 | you said: @greeter hi");

            mark = process.mark();
            app.dir().writeInPlace(GREETER, edited(GREETER, "temperature: 0.7", "temperature: 0.1"));
            process.awaitLineAfter(mark, RELOAD_DONE);
            assertThat(app.say("s3", "@greeter hey")).isEqualTo("[greeter model=fake-greeter temperature=0.1] You greet"
                    + " people warmly. | turn 1 | you said: @greeter hey");
            assertThat(app.history("s1")).as("a conversation with the sub-agent survives the reloads")
                    .startsWith("user: @greeter hello | ");
        }
    }

    @Test
    void adksOwnRefusalsAreReportedWithItsReasonAndTheLastGoodAgentKeepsAnswering() {
        AdkApp app = AdkApp.in(ConfigDir.in(temp));
        try (HostProcess process = app.start(AgentJar.javaagent(""))) {
            process.awaitLine(ACTIVE);

            // consecutive refusals stay below max_attempts (3): a rollback is another test's subject
            refused(app, process, ROOT, edited(ROOT, "agent_class: LlmAgent", "agent_class: NoSuchAgent"),
                    "agentClass 'NoSuchAgent' is not in registry or not a subclass of BaseAgent.", CONCIERGE);
            refused(app, process, ROOT, edited(ROOT, "temperature: 0.2", "temperature: hot"),
                    "Cannot deserialize value of type `java.lang.Float` from String \"hot\"", CONCIERGE);
            String fixed = "[concierge model=fake-concierge temperature=0.2] You are a fixed concierge.";
            int mark = process.mark();
            app.dir().writeAtomically(ROOT, edited(ROOT, "You are a helpful concierge.", "You are a fixed concierge."));
            process.awaitLineAfter(mark, RELOAD_DONE);
            assertThat(app.say("s1", "fixed?")).startsWith(fixed + " | turn ");

            // a YAML error: the "[" on line 11 opens a flow list, which the block list item at line 12, column 3
            // cannot continue; the file is refused before ADK reads it, at the item's real position
            refused(app, process, ROOT, edited(ROOT, "sub_agents:", "sub_agents: ["),
                    ": " + ROOT + ":12:3: expected a key or value, found list item", fixed);
            mark = process.mark();
            app.dir().writeInPlace(ROOT, original(ROOT));
            process.awaitLineAfter(mark, RELOAD_DONE);

            mark = process.mark();
            app.dir().writeInPlace(GREETER, edited(GREETER, "instruction: You greet people warmly.\n", ""));
            assertThat(process.awaitLineAfter(mark, "Configuration reload failed")).as("a sub-agent's refusal")
                    .contains("Agent instruction is required", app.dir().file(GREETER).toString());
            process.awaitLineAfter(mark, CONTINUES);
            assertThat(app.say("s2", "@greeter hi")).startsWith(GREETER_REPLY + " | turn 1 |");
        }
    }

    /** Writes a bad {@code name}: ADK's reason is on the agent's console, and the last good root agent answers. */
    private static void refused(AdkApp app, HostProcess process, String name, String text, String reason,
                                String lastGood) {
        int mark = process.mark();
        app.dir().writeInPlace(name, text);
        assertThat(process.awaitLineAfter(mark, "Configuration reload failed")).contains(reason);
        process.awaitLineAfter(mark, CONTINUES);
        assertThat(app.say("s1", "still there?")).startsWith(lastGood + " | turn ");
    }
}
