package dev.aiq.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.aiq.api.ConfigOverrides;
import dev.aiq.api.ReloadEvent;
import dev.aiq.sample.config.ConfigLoader;
import dev.aiq.sample.config.FrontEndConfig;
import dev.aiq.sample.config.WorkflowConfig;
import dev.aiq.sample.http.HttpFrontEnd;
import dev.aiq.sample.testing.ConfigDir;
import dev.aiq.sample.testing.Http;
import dev.aiq.sample.workflow.Workflow;
import dev.aiq.sample.workflow.WorkflowBuilder;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostReloaderTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path temp;

    private Path file;
    private final WorkflowBuilder builder = new WorkflowBuilder(Clock.systemUTC());
    private final AtomicReference<Workflow> live = new AtomicReference<>();
    private HttpFrontEnd frontEnd;
    private int startPort;
    private WorkflowConfig started;

    @BeforeEach
    void serve() throws Exception {
        file = ConfigDir.in(temp).copyResource("reference-configs/01_simple_web_query_react_nim.yml", "config.yml");
        started = config("general.front_end.port", "0");
        live.set(builder.build(started));
        frontEnd = new HttpFrontEnd(live::get, () -> 1, TIMEOUT);
        frontEnd.listenOn("127.0.0.1", 0);
        startPort = frontEnd.port();
    }

    @AfterEach
    void stop() {
        frontEnd.close();
    }

    @Test
    void swapsInTheNewWorkflow() throws Exception {
        reloader().apply(change(started, config("general.front_end.port", "0", "llms.nim_llm.temperature", "0.9")));

        assertThat(answer(startPort)).contains("temperature=0.9");
        assertThat(frontEnd.port()).isEqualTo(startPort);
    }

    @Test
    void bindsTheNewPortBeforeReleasingTheOldOneAndLetsRequestsInFlightFinish() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        live.set(new BlockingWorkflow(started, entered, release));
        int newPort = freePort();

        CompletableFuture<Http.Response> inFlight =
                CompletableFuture.supplyAsync(() -> Http.post(startPort, "/generate", "{\"input_message\":\"Hi\"}"));
        assertThat(entered.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        ReloadEvent<WorkflowConfig> move = change(started, config("general.front_end.port", Integer.toString(newPort)));
        CompletableFuture<Void> reload = CompletableFuture.runAsync(() -> apply(move));

        await().atMost(TIMEOUT).until(() -> Http.isServing(newPort));
        assertThat(inFlight).isNotDone();
        assertThat(reload).isNotDone();

        release.countDown();
        assertThat(inFlight.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS))
                .isEqualTo(new Http.Response(200, "{\"value\":\"blocked until released\"}"));
        reload.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertThat(Http.isServing(startPort)).isFalse();
        assertThat(answer(newPort)).startsWith("{\"value\":\"[nim_llm nim ");
    }

    @Test
    void throwsWhenTheNewPortIsTakenAndKeepsServingTheOldConfigOnTheOldPort() throws Exception {
        Workflow before = live.get();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            WorkflowConfig next = config("general.front_end.port", Integer.toString(taken.getLocalPort()),
                    "llms.nim_llm.temperature", "0.9");

            assertThatThrownBy(() -> reloader().apply(change(started, next))).isInstanceOf(BindException.class);
        }

        assertThat(live.get()).isSameAs(before);
        assertThat(frontEnd.port()).isEqualTo(startPort);
        assertThat(answer(startPort)).contains("temperature=0.0");
    }

    @Test
    void appliesARollbackLikeAnyChange() throws Exception {
        int newPort = freePort();
        WorkflowConfig moved = config("general.front_end.port", Integer.toString(newPort),
                "llms.nim_llm.temperature", "0.9");
        HostReloader reloader = reloader();
        reloader.apply(change(started, moved));

        reloader.apply(new ReloadEvent<>(moved, started, 3, Set.of("general.front_end.port"), true));

        assertThat(live.get().config()).isSameAs(started);
        assertThat(frontEnd.port()).isNotEqualTo(newPort);
        assertThat(Http.isServing(newPort)).isFalse();
        assertThat(answer(frontEnd.port())).contains("temperature=0.0");
    }

    @Test
    void aConsoleReloadOnlySwapsTheWorkflow() throws Exception {
        HostReloader console = new HostReloader(live, builder, HostReloader.FrontEndMover.NONE, false);

        console.apply(change(started, config("general.front_end.port", "1234", "workflow._type", "tool_calling_agent")));

        assertThat(live.get().answer("Hi")).contains("| tool_calling_agent tools=");
        assertThat(frontEnd.port()).isEqualTo(startPort);
    }

    @Test
    void theListenerFaultVetoesOnlyWhenFaultsAreEnabled() throws Exception {
        WorkflowConfig faulty = config("general.front_end.port", "0", "general.testing.listener_throws", "true",
                "llms.nim_llm.temperature", "0.9");
        Workflow before = live.get();
        HostReloader armed = new HostReloader(live, builder, this::moveFrontEnd, true);

        assertThatThrownBy(() -> armed.apply(change(started, faulty))).hasMessageContaining("listener_throws");
        assertThat(live.get()).isSameAs(before);

        reloader().apply(change(started, faulty));
        assertThat(answer(startPort)).contains("temperature=0.9");
    }

    private HostReloader reloader() {
        return new HostReloader(live, builder, this::moveFrontEnd, false);
    }

    private void moveFrontEnd(FrontEndConfig target) throws IOException {
        frontEnd.listenOn(target.host(), target.port());
    }

    private void apply(ReloadEvent<WorkflowConfig> event) {
        try {
            reloader().apply(event);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private WorkflowConfig config(String... overrides) throws Exception {
        return ConfigLoader.load(file, ConfigOverrides.ofPairs(List.of(overrides)));
    }

    private static ReloadEvent<WorkflowConfig> change(WorkflowConfig previous, WorkflowConfig current) {
        return new ReloadEvent<>(previous, current, 2, Set.of(), false);
    }

    private static String answer(int port) {
        Http.Response response = Http.post(port, "/generate", "{\"input_message\":\"Hi\"}");
        assertThat(response.status()).isEqualTo(200);
        return response.body();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** A workflow whose answer waits until the test releases it. */
    private record BlockingWorkflow(WorkflowConfig config, CountDownLatch entered, CountDownLatch release)
            implements Workflow {
        @Override
        public String answer(String question) {
            entered.countDown();
            try {
                return release.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS) ? "blocked until released" : "timed out";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted";
            }
        }
    }
}
