package dev.aiq.sample.it;

import static dev.aiq.sample.testing.DevModeLines.FAILED;
import static dev.aiq.sample.testing.DevModeLines.RELOADED;
import static dev.aiq.sample.testing.DevModeLines.RELOAD_DONE;
import static dev.aiq.sample.testing.WorkflowYaml.CONFIG;
import static dev.aiq.sample.testing.WorkflowYaml.FUNCTIONS;
import static dev.aiq.sample.testing.WorkflowYaml.MODEL;
import static dev.aiq.sample.testing.WorkflowYaml.QUESTION;
import static dev.aiq.sample.testing.WorkflowYaml.answeredBy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aiq.sample.testing.ConfigDir;
import dev.aiq.sample.testing.HostApi;
import dev.aiq.sample.testing.HostProcess;
import dev.aiq.sample.testing.Temperatures;
import dev.aiq.sample.testing.WorkflowYaml;
import java.nio.file.Path;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Development mode with the config mounted from a Kubernetes ConfigMap: {@code config.yml} and {@code functions.yml}
 * link to {@code ..data/}, and every update swaps the {@code ..data} link to a new directory, so no file event names
 * the config itself. One served host for the class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DevModeConfigMapIT {

    private final Temperatures temperatures = new Temperatures();
    private ConfigDir dir;
    @AutoClose
    private HostProcess host;
    private HostApi api;

    @BeforeAll
    void startTheHostOnAConfigMap(@TempDir Path temp) {
        dir = ConfigDir.in(temp);
        dir.kubernetesSwap(FUNCTIONS, WorkflowYaml.functions());
        Path config = dir.kubernetesSwap(CONFIG, WorkflowYaml.fixture().text());
        host = HostProcess.servedUnderAgent(config).startActive();
        api = HostApi.at(host.port());
    }

    @Test
    void aConfigMapUpdateReloadsExactlyOnce() {
        long generation = api.generation();
        String updated = temperatures.next();
        int mark = host.mark();

        dir.kubernetesSwap(CONFIG, WorkflowYaml.fixture().temperature(updated).text());

        host.awaitLineAfter(mark, RELOAD_DONE);
        assertThat(api.answer(QUESTION)).startsWith(answeredBy(MODEL, updated));
        // A second reload of the same update would come before the sentinel's: after it, there must be exactly two.
        String sentinel = temperatures.next();
        int sentinelMark = host.mark();
        dir.kubernetesSwap(CONFIG, WorkflowYaml.fixture().temperature(sentinel).text());
        host.awaitLineAfter(sentinelMark, RELOAD_DONE);
        assertThat(api.answer(QUESTION)).startsWith(answeredBy(MODEL, sentinel));
        assertThat(api.generation()).isEqualTo(generation + 2);
        assertThat(host.linesAfter(mark)).filteredOn(RELOADED::equals).hasSize(2);
        assertThat(host.linesAfter(mark)).noneMatch(line -> line.startsWith(FAILED));
    }

    @Test
    void aConfigMapUpdateOfTheIncludedFileReloads() {
        long generation = api.generation();
        assertThat(api.answer(QUESTION)).contains("wikipedia_search: 2 Wikipedia results");
        int mark = host.mark();

        dir.kubernetesSwap(FUNCTIONS, WorkflowYaml.functions().replace("max_results: 2", "max_results: 4"));

        host.awaitLineAfter(mark, RELOAD_DONE);
        assertThat(api.answer(QUESTION)).contains("wikipedia_search: 4 Wikipedia results");
        assertThat(api.generation()).isEqualTo(generation + 1);
        assertThat(host.linesAfter(mark)).containsSubsequence(RELOADED, "  functions.wikipedia_search.max_results: 2 -> 4");
    }
}
