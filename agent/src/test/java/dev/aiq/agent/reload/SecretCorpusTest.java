package dev.aiq.agent.reload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiq.agent.protocol.ProtocolJson;
import dev.aiq.agent.mask.Masking;
import dev.aiq.agent.mask.SecretCorpus;
import dev.aiq.agent.protocol.Change;
import dev.aiq.api.ConfigOverrides;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The corpus of secrets under every output the reload stage feeds: what changed (console lines and {@code diff}), a
 * value rendered anywhere, the JSON of a tree, override errors; no secret's text appears in any.
 */
class SecretCorpusTest {

    @Test
    void addingTheCorpusShowsNoSecretInWhatChanged() {
        List<Change> changes = TreeDiff.between(Map.of(), SecretCorpus.tree());

        assertNoSecret(changes.toString());
        assertThat(changes).contains(new Change("llms.nim.temperature", null, 0.2),
                new Change("llms.nim.api_key", null, Masking.MASK), new Change("wrapped.api_key.v", null, Masking.MASK),
                new Change("credentials.pass", null, Masking.MASK), new Change("secrets.nvidia", null, Masking.MASK));
    }

    @Test
    void changingEverySecretShowsNoSecretInWhatChanged() {
        Map<String, Object> after = SecretCorpus.tree();
        after.put("mcp_servers", List.of(Map.of("api_key", "sk-other-000000000")));
        after.put("nested", List.of(List.of(Map.of("pwd", "other-hunter"))));

        List<Change> changes = TreeDiff.between(SecretCorpus.tree(), after);

        assertNoSecret(changes.toString());
        assertThat(changes.toString()).doesNotContain("other-hunter", "sk-other");
    }

    @Test
    void removingTheCorpusShowsNoSecret() {
        assertNoSecret(TreeDiff.between(SecretCorpus.tree(), Map.of()).toString());
    }

    @Test
    void renderedValuesAndJsonOfTheTreeShowNoSecret() throws Exception {
        assertNoSecret(Secrets.render("", SecretCorpus.tree()));
        assertNoSecret(ProtocolJson.mapper().writeValueAsString(Masking.masked(SecretCorpus.tree())));
        for (Map.Entry<String, Object> entry : SecretCorpus.tree().entrySet()) {
            assertNoSecret(Secrets.render(entry.getKey(), entry.getValue()));
        }
    }

    @Test
    void overrideErrorsShowNoSecret() {
        Map<String, Object> tree = SecretCorpus.tree();
        for (String path : List.of("llms.nim.api_key.sub", "credentials.pass.x", "key.y", "llms.nim")) {
            assertNoSecret(overrideError(tree, path));
        }
        // a value typed for a number is quoted; what shows messages masks what looks like a credential in it
        assertNoSecret(Masking.text(overrideError(tree, "llms.nim.temperature")));
    }

    private static String overrideError(Map<String, Object> tree, String path) {
        try {
            ConfigOverrides.ofPairs(List.of(path, SecretCorpus.SK)).applyTo(tree);
            throw new AssertionError(path + " was applied");
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    @Test
    void commandLinesShowNoSecret() {
        assertNoSecret(Masking.commandLine("app --override llms.nim.api_key " + SecretCorpus.SK
                + " --override credentials.pass PASSWORD9 -Dsession_cookie=cookie-v4lue --url "
                + "https://user:hunter2@example.com/x --header Bearer abcdef123"));
    }

    private static void assertNoSecret(String output) {
        assertThat(output).doesNotContain(SecretCorpus.SECRETS);
    }
}
