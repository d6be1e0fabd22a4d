package dev.aiq.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiq.sample.testing.ConfigDir;
import dev.aiq.sample.testing.HostProcess;
import dev.aiq.sample.testing.Http;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built jar as a child process, without the agent: what every end-to-end test under the agent builds on. */
class SampleHostProcessIT {

    @TempDir
    Path temp;

    private Path config;

    @BeforeEach
    void writeConfig() {
        config = ConfigDir.in(temp).copyResource("reference-configs/02_aiq_era_react_agent_pr431.yml", "config.yml");
    }

    @Test
    void servesHealthAndGenerateOnAnyFreePort() {
        try (HostProcess host = HostProcess.serve(config)
                .override("general.front_end.port", "0")
                .override("llms.nim_llm.temperature", "0.3")
                .start()) {
            int port = host.port();

            assertThat(Http.get(port, "/health")).isEqualTo(new Http.Response(200, "{\"status\":\"ok\",\"generation\":1}"));
            Http.Response answer = Http.post(port, "/generate", "{\"input_message\":\"Who is Ada Lovelace?\"}");
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.body()).startsWith("{\"value\":\"[nim_llm nim meta/llama-3.1-70b-instruct temperature=0.3]")
                    .contains("wikipedia_search: 3 Wikipedia results");
            assertThat(host.stdout()).containsExactly("Serving on http://127.0.0.1:" + port);
        }
    }

    @Test
    void stopsOnSigterm() {
        HostProcess host = HostProcess.serve(config).override("general.front_end.port", "0").start();
        int port = host.port();

        host.close();

        assertThat(host.process().exitValue()).isEqualTo(143);
        assertThat(Http.isServing(port)).isFalse();
    }

    @Test
    void runConsoleAnswersEachQuestionOnStdinWithOneLine() {
        try (HostProcess host = HostProcess.console(config).start()) {
            host.send("Who is Ada Lovelace?");
            host.send("Write Python code for fizzbuzz");
            host.closeInput();

            assertThat(host.awaitExit()).isZero();
            assertThat(host.stdout()).hasSize(2);
            assertThat(host.stdout().get(0)).startsWith("[nim_llm nim meta/llama-3.1-70b-instruct temperature=0.0] "
                    + "Answer to \"Who is Ada Lovelace?\"");
            assertThat(host.stdout().get(1)).contains("Answer to \"Write Python code for fizzbuzz\"", "code_generation: ");
            assertThat(host.stderr()).isEmpty();
        }
    }

    @Test
    void aBadConfigIsOneLineOnStderrAndExitStatusOne() {
        try (HostProcess host = HostProcess.serve(config).override("workflow.llm_name", "missing").start()) {
            assertThat(host.awaitExit()).isOne();
            assertThat(host.stderr()).containsExactly(
                    "sample-host: invalid config: workflow.llm_name: LLM 'missing' is not defined in llms");
            assertThat(host.stdout()).isEmpty();
        }
    }

    @Test
    void aTakenPortIsOneLineOnStderrAndExitStatusOne() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                HostProcess host = HostProcess.serve(config)
                        .override("general.front_end.port", Integer.toString(taken.getLocalPort())).start()) {
            assertThat(host.awaitExit()).isOne();
            assertThat(host.stderr()).containsExactly("sample-host: cannot listen on 127.0.0.1:"
                    + taken.getLocalPort() + ": Address already in use");
        }
    }
}
