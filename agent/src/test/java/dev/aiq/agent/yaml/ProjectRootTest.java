package dev.aiq.agent.yaml;

import static dev.aiq.agent.yaml.ReferenceConfigsTest.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What {@code !include}, {@code base:} and {@code file://} may reach: the project root (the nearest directory above the
 * config with a project marker, else the config's own directory), widened with {@code root=} / {@code --root}.
 */
class ProjectRootTest {

    @TempDir
    Path temp;

    static Iterable<String> markers() {
        return ProjectRoot.MARKERS;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("markers")
    void aProjectMarkerAboveTheConfigMakesItsDirectoryTheRoot(String marker) throws Exception {
        Path project = Files.createDirectories(temp.resolve("project"));
        if (marker.equals(".git")) {
            Files.createDirectories(project.resolve(marker));
        } else {
            Files.writeString(project.resolve(marker), "");
        }
        ConfigDir config = new ConfigDir(project);
        config.write("prompts/system_prompt.txt", "Be brief.");
        config.write("configs/base.yml", "llms: {nim: {_type: nim, temperature: 0.0}}");
        config.write("configs/app/config.yml",
                "base: ../base.yml",
                "workflow:",
                "  system_prompt: file://../../prompts/system_prompt.txt");

        Map<String, Object> tree = config.read("configs/app/config.yml").tree();

        assertThat(at(tree, "workflow", "system_prompt")).isEqualTo("Be brief.\n");
        assertThat(at(tree, "llms", "nim", "temperature")).isEqualTo(0.0);
    }

    @Test
    void withoutAMarkerTheRootIsTheConfigsDirectoryAndTheMessageSaysHowToWidenIt() throws Exception {
        Path configs = Files.createDirectories(temp.resolve("configs"));
        Files.writeString(temp.resolve("prompt.txt"), "outside");
        ConfigDir config = new ConfigDir(configs);
        config.write("config.yml", "workflow:", "  system_prompt: file://../prompt.txt");

        assertThat(config.error("config.yml")).isEqualTo("config.yml:2:18: 'file://../prompt.txt' is outside the"
                + " project root " + configs + " (the config's directory, no project marker above it); widen it with"
                + " the agent option root=<dir> or validate --root <dir>");
    }

    @Test
    void theMessageNamesTheMarkerThatFoundTheRoot() throws Exception {
        Path project = Files.createDirectories(temp.resolve("project"));
        Files.writeString(project.resolve("pom.xml"), "<project/>");
        ConfigDir config = new ConfigDir(project);
        config.write("config.yml", "base: ../elsewhere.yml");
        Files.writeString(temp.resolve("elsewhere.yml"), "a: 1\n");

        assertThat(config.error("config.yml")).isEqualTo("config.yml:1:7: base '../elsewhere.yml' is outside the"
                + " project root " + project + " (it has pom.xml); widen it with the agent option root=<dir> or"
                + " validate --root <dir>");
    }

    @Test
    void anExplicitRootWidensWhatMayBeReached() throws Exception {
        Path configs = Files.createDirectories(temp.resolve("configs"));
        Path shared = Files.createDirectories(temp.resolve("shared"));
        Files.writeString(shared.resolve("prompt.md"), "# shared");
        Files.writeString(shared.resolve("base.yml"), "from_base: true\n");
        ConfigDir config = new ConfigDir(configs, new YamlReader(Map.of(), Limits.DEFAULT, shared));
        config.write("config.yml", "base: ../shared/base.yml", "prompt: file://" + shared.resolve("prompt.md"));

        assertThat(config.read("config.yml").tree()).containsEntry("from_base", true).containsEntry("prompt", "# shared");
    }

    @Test
    void anExplicitRootThatDoesNotExistIsAnError() throws Exception {
        ConfigDir config = new ConfigDir(temp, new YamlReader(Map.of(), Limits.DEFAULT, temp.resolve("missing")));
        config.write("config.yml", "a: 1");

        assertThat(config.error("config.yml")).isEqualTo("config.yml: the project root '" + temp.resolve("missing")
                + "' given with root= or --root does not exist");
    }

    @Test
    void etcPasswdStaysOutTwiceOver() throws Exception {
        ConfigDir config = new ConfigDir(temp);
        config.write("config.yml", "workflow:", "  system_prompt: file:///etc/passwd", "  other: !include /etc/passwd");

        assertThat(config.errors("config.yml")).containsExactly(
                "config.yml:3:10: include '/etc/passwd' is outside the project root " + temp + " (the config's"
                        + " directory, no project marker above it); widen it with the agent option root=<dir> or"
                        + " validate --root <dir>");
        config.write("config.yml", "workflow:", "  system_prompt: file:///etc/passwd");
        assertThat(config.error("config.yml")).isEqualTo("config.yml:2:18: 'file:///etc/passwd' is not a prompt file"
                + " (no extension): file:// reads only .j2, .jinja, .jinja2, .md, .prompt, .template, .tpl, .txt");
    }

    @Test
    void aFileReferenceToYamlLoadsNowhereBecauseTheToolkitWouldRefuseIt() throws Exception {
        ConfigDir config = new ConfigDir(temp);
        config.write("llms.yml", "nim: {}");
        config.write("config.yml", "llms: file://llms.yml");

        assertThat(config.error("config.yml")).isEqualTo("config.yml:1:7: 'file://llms.yml' is not a prompt file"
                + " ('.yml'): file:// reads only .j2, .jinja, .jinja2, .md, .prompt, .template, .tpl, .txt");
    }

    @Test
    void aPromptNameThatLinksToAnotherKindOfFileIsCheckedOnTheRealFile() throws Exception {
        ConfigDir config = new ConfigDir(temp);
        config.write("secrets.yml", "api_key: sk-1");
        Files.createSymbolicLink(temp.resolve("prompt.txt"), temp.resolve("secrets.yml"));
        config.write("config.yml", "system_prompt: file://prompt.txt");

        assertThat(config.error("config.yml")).isEqualTo("config.yml:1:16: 'file://prompt.txt' (it resolves to "
                + temp.toRealPath().resolve("secrets.yml") + ") is not a prompt file ('.yml'): file:// reads only .j2,"
                + " .jinja, .jinja2, .md, .prompt, .template, .tpl, .txt");
    }

    @Test
    void anAbsoluteBaseAndAnUppercaseExtensionWorkAsInTheToolkit() throws Exception {
        ConfigDir config = new ConfigDir(temp);
        config.write("shared/base.yml", "llms: {nim: {_type: nim}}");
        config.write("PROMPT.MD", "upper");
        config.write("config.yml", "base: " + temp.resolve("shared/base.yml"), "prompt: file://PROMPT.MD");

        assertThat(config.read("config.yml").tree()).containsEntry("prompt", "upper\n")
                .containsEntry("llms", Map.of("nim", Map.of("_type", "nim")));
    }

    @Test
    void referencesOfASymlinkedConfigAreRelativeToItsRealDirectoryAsInTheToolkit() throws Exception {
        ConfigDir config = new ConfigDir(temp);
        config.write("real/config.yml", "base: base.yml", "prompt: file://prompt.txt");
        config.write("real/base.yml", "from: real");
        config.write("real/prompt.txt", "real prompt");
        config.write("base.yml", "from: link directory");
        Files.createSymbolicLink(temp.resolve("config.yml"), temp.resolve("real/config.yml"));

        assertThat(new YamlReader(Map.of()).read(temp.resolve("config.yml")).tree())
                .containsEntry("from", "real").containsEntry("prompt", "real prompt\n");
    }
}
