package dev.aiq.sample.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.aiq.sample.testing.Cli;
import dev.aiq.sample.testing.ConfigDir;
import dev.aiq.sample.testing.ControlItConfig;
import dev.aiq.sample.testing.HostProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many JVMs at once, and JVMs left alone: {@code attach --all} over three hosts of which one is stopped and then
 * killed while the command waits for it; {@code list} attaching to none (no {@code .attach_pid} file, no
 * {@code Attach Listener} thread before or after); a pid that is not a JVM refused without being signalled.
 */
class AttachFleetIT {

    @TempDir
    Path temp;

    private final String fleet = "fleet-" + UUID.randomUUID();
    private final List<HostProcess> hosts = new ArrayList<>();

    @BeforeEach
    void startThreeHostsWithoutTheAgent() {
        ConfigDir dir = ConfigDir.in(temp);
        for (String name : List.of("a", "b", "c")) {
            Path config = dir.writeInPlace(fleet + "-" + name + ".yml", ControlItConfig.with("0.7", 1024));
            hosts.add(HostProcess.serve(config).jvmArgs("-XX:+EnableDynamicAgentLoading").start());
        }
        hosts.forEach(HostProcess::port);
    }

    @AfterEach
    void stopTheHosts() {
        hosts.forEach(HostProcess::close);
    }

    @Test
    void attachAllReportsEveryHostAndTheOneKilledMidWayAsFailed() throws Exception {
        long killed = hosts.get(2).process().pid();
        signal("STOP", killed);
        CompletableFuture<Cli.Result> attach = CompletableFuture.supplyAsync(
                () -> Cli.run("attach", "--all", fleet, "--delay", "0"));
        // the CLI asks the stopped JVM for its attach listener; it dies without ever answering
        await().atMost(HostProcess.TIMEOUT).until(() -> attachRequested(killed));
        hosts.get(2).process().destroyForcibly();

        Cli.Result result = attach.get();

        assertThat(result.exitCode()).as(result.toString()).isOne();
        for (HostProcess host : hosts.subList(0, 2)) {
            long pid = host.process().pid();
            assertThat(result.outLines()).as(result.toString())
                    .anyMatch(line -> line.startsWith(pid + ": aiq-dev active in " + pid + " "));
        }
        assertThat(result.err().lines()).as(result.toString()).anyMatch(line -> line.startsWith(killed + ": "));
        assertThat(result.outLines()).noneMatch(line -> line.startsWith(killed + ": "));

        Cli.Result status = Cli.run("status", "--all", fleet);

        assertThat(status.exitCode()).as(status.toString()).isZero();
        for (HostProcess host : hosts.subList(0, 2)) {
            assertThat(status.out()).contains(host.process().pid() + ": aiq-dev active in " + host.process().pid());
        }

        Cli.Result json = Cli.run("status", "--all", fleet, "--json");

        assertThat(json.exitCode()).as(json.toString()).isZero();
        com.fasterxml.jackson.databind.JsonNode fleetStatus = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(json.out());
        assertThat(json.out().strip().lines()).as("one JSON document").hasSize(1);
        assertThat(fleetStatus.path("jvms")).extracting(jvm -> jvm.path("pid").asLong())
                .containsExactlyInAnyOrder(hosts.get(0).process().pid(), hosts.get(1).process().pid());
        assertThat(fleetStatus.path("jvms")).allSatisfy(jvm -> {
            assertThat(jvm.path("exitCode").asInt()).isZero();
            assertThat(jvm.path("result").path("active").asBoolean()).isTrue();
        });
    }

    @Test
    void listAttachesToNoJvm() {
        List<Long> pids = hosts.stream().map(host -> host.process().pid()).toList();
        for (long pid : pids) {
            assertThat(attachListener(pid)).as("before list").isFalse();
            assertThat(attachRequested(pid)).as("before list").isFalse();
        }

        Cli.Result list = Cli.run("list");

        assertThat(list.exitCode()).as(list.toString()).isZero();
        for (long pid : pids) {
            assertThat(list.out()).containsPattern("(?m)^ *" + pid + " +\\S+ +- +.*" + fleet);
            assertThat(attachListener(pid)).as("after list").isFalse();
            assertThat(attachRequested(pid)).as("after list").isFalse();
        }
    }

    @Test
    void aPidThatIsNotAJvmIsRefusedAndLeftAlive() throws IOException {
        Process sleeper = new ProcessBuilder("sleep", "600").start();
        try {
            Cli.Result attach = Cli.run("attach", Long.toString(sleeper.pid()));

            assertThat(attach.exitCode()).as(attach.toString()).isOne();
            assertThat(attach.err()).isEqualTo("process " + sleeper.pid() + " (sleep) is not a Java VM (no HotSpot "
                    + "performance data, no libjvm loaded); aiq-dev list shows the JVMs\n");
            assertThat(sleeper.isAlive()).as("no SIGQUIT was sent to it").isTrue();
        } finally {
            sleeper.destroyForcibly();
        }

        Path file = Files.writeString(temp.resolve("workflow.yml"), "workflow: {}\n");
        Cli.Result path = Cli.run("attach", file.toString());

        assertThat(path.exitCode()).as(path.toString()).isOne();
        assertThat(path.err()).contains("did you mean --config_file " + file + "?");
    }

    /** Whether the JVM runs an {@code Attach Listener} thread, read from /proc without asking the JVM. */
    private static boolean attachListener(long pid) {
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            return tasks.anyMatch(task -> {
                try {
                    return Files.readString(task.resolve("comm")).strip().equals("Attach Listener");
                } catch (IOException e) {
                    // the thread ended while listing
                    return false;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether someone asked the JVM to start its attach listener: the {@code .attach_pid<pid>} trigger file. */
    private static boolean attachRequested(long pid) {
        String trigger = ".attach_pid" + pid;
        return Files.exists(Path.of("/proc", Long.toString(pid), "cwd", trigger))
                || Files.exists(Path.of("/tmp", trigger));
    }

    private static void signal(String signal, long pid) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
        assertThat(kill.waitFor()).as("kill -" + signal + " " + pid).isZero();
    }
}
