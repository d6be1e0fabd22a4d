package dev.aiq.agent.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aiq.agent.protocol.ProtocolJson;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The protocol over a JVM with two configs, without a socket: who answers, and the shape of the replies. */
class RequestDispatcherTest {

    private static final String ROOT = "/srv/app/root.yml";
    private static final String TOOLS = "/srv/app/tools.yml";

    private final FakeDevModeControl jvm = new FakeDevModeControl(ROOT, TOOLS);
    private final RequestDispatcher dispatcher = new RequestDispatcher(jvm);

    @Test
    void statusIsOneObjectForTheJvmWithAnArrayOfEveryConfig() throws IOException {
        JsonNode reply = handle("{\"op\":\"status\"}");

        assertThat(reply.path("ok").asBoolean()).isTrue();
        JsonNode status = reply.path("result");
        assertThat(status.isObject()).isTrue();
        assertThat(status.path("active").asBoolean()).isTrue();
        assertThat(status.path("pid").asLong()).isEqualTo(4242);
        assertThat(status.path("providers")).extracting(JsonNode::asText)
                .containsExactly(FakeDevModeControl.PROVIDER);
        assertThat(status.path("problems").isArray()).isTrue();
        assertThat(status.path("configs")).extracting(config -> config.path("configFile").asText())
                .containsExactly(ROOT, TOOLS);
        assertThat(status.path("configs")).extracting(config -> config.path("name").asText())
                .containsExactly("root.yml", "tools.yml");
        JsonNode tools = status.path("configs").get(1);
        assertThat(tools.path("generation").asLong()).isEqualTo(7);
        assertThat(tools.path("watchedFiles")).extracting(JsonNode::asText)
                .containsExactly(TOOLS, "/srv/app/base.yml");
        assertThat(tools.path("dependencies").isArray()).isTrue();
        assertThat(tools.path("last").path("kind").asText()).isEqualTo("RELOAD");
    }

    @Test
    void statusOfOneConfigIsStillTheJvmsWithOnlyThatConfig() throws IOException {
        JsonNode status = handle("{\"op\":\"status\",\"config\":\"tools\"}").path("result");

        assertThat(status.path("pid").asLong()).isEqualTo(4242);
        assertThat(status.path("configs")).extracting(config -> config.path("configFile").asText())
                .containsExactly(TOOLS);
    }

    @Test
    void perConfigOperationReachesOnlyTheConfigNamed() throws IOException {
        JsonNode reply = handle("{\"op\":\"rollback\",\"steps\":2,\"config\":\"tools.yml\"}");

        assertThat(reply.path("ok").asBoolean()).as("reply %s", reply).isTrue();
        assertThat(jvm.config(1).calls()).containsExactly("rollback(2)");
        assertThat(jvm.config(0).calls()).isEmpty();
    }

    @Test
    void validateWithTextIsADryRunOfThatTextAsTheFileNamedAndNeedsTheFile() throws IOException {
        JsonNode reply = handle("{\"op\":\"validate\",\"config\":\"tools.yml\",\"file\":\"" + TOOLS
                + "\",\"text\":\"a: 1\\n\"}");

        assertThat(reply.path("ok").asBoolean()).as("reply %s", reply).isTrue();
        assertThat(jvm.config(1).calls()).containsExactly("validate(" + TOOLS + ", 5 chars)");

        JsonNode noFile = handle("{\"op\":\"validate\",\"config\":\"tools.yml\",\"text\":\"a: 1\"}");
        assertThat(noFile.path("ok").asBoolean()).isFalse();
        assertThat(noFile.path("error").asText()).isEqualTo("\"validate\" needs \"file\"");
    }

    @Test
    void perConfigOperationWithoutAConfigIsRefusedWithACodeAndNamesTheConfigs() throws IOException {
        JsonNode reply = handle("{\"op\":\"reload\"}");

        assertThat(reply.path("ok").asBoolean()).isFalse();
        assertThat(reply.path("code").asText()).isEqualTo("config-not-named");
        assertThat(reply.path("error").asText())
                .isEqualTo("this JVM has 2 configs; name one with --config: " + ROOT + ", " + TOOLS);
        assertThat(jvm.calls()).isEmpty();
    }

    @Test
    void ambiguousAndUnknownConfigsHaveTheirOwnCodes() throws IOException {
        assertThat(handle("{\"op\":\"history\",\"config\":\"/srv/app\"}").path("code").asText())
                .isEqualTo("config-ambiguous");
        assertThat(handle("{\"op\":\"history\",\"config\":\"nowhere\"}").path("code").asText())
                .isEqualTo("config-unknown");
        assertThat(jvm.calls()).isEmpty();
    }

    @Test
    void detachNeedsNoConfig() throws IOException {
        RequestDispatcher.Reply reply = dispatcher.handle("{\"op\":\"detach\"}");

        assertThat(reply.detach()).isTrue();
        assertThat(ProtocolJson.mapper().readTree(reply.line()).path("ok").asBoolean()).isTrue();
    }

    @Test
    void malformedRequestsAndFailuresCarryTheirCodes() throws IOException {
        assertThat(handle("{\"op\":\"restart\"}").path("code").asText()).isEqualTo("bad-request");
        assertThat(handle("not json").path("code").asText()).isEqualTo("bad-request");

        jvm.failWith(new IllegalStateException("nothing to roll back to"));
        JsonNode failed = handle("{\"op\":\"rollback\",\"config\":\"root\"}");

        assertThat(failed.path("code").asText()).isEqualTo("failed");
        assertThat(failed.path("error").asText()).isEqualTo("nothing to roll back to");
    }

    private JsonNode handle(String line) throws IOException {
        return ProtocolJson.mapper().readTree(dispatcher.handle(line).line());
    }
}
