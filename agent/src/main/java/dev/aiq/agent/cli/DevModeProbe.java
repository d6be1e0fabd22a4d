package dev.aiq.agent.cli;

import dev.aiq.agent.control.ControlChannel;
import dev.aiq.agent.protocol.JvmStatus;
import dev.aiq.agent.protocol.WireJson;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What aiq-dev does in each of several JVMs, asked of its own control socket (never through the Attach API), all in
 * parallel within one time-out: {@code active} when a config is live, {@code loaded, waiting: <why>} when the agent
 * is there but serves no config, {@code loaded, not answering} when its socket does not answer in time. Internal.
 */
final class DevModeProbe {

    /**
     * Time allowed to ask every JVM listed, all in parallel: an agent answers its status in milliseconds, and one
     * that does not (a stopped JVM, a busy control thread) must not make {@code list} slow.
     */
    static final Duration TIMEOUT = Duration.ofSeconds(1);

    private DevModeProbe() {
    }

    /** {@code jvms} with their control socket and dev-mode state, in the same order. */
    static List<Jvm> probe(List<Jvm> jvms, Duration timeout) {
        ExecutorService pool = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "aiq-dev-list");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<Jvm>> answers = new ArrayList<>();
            for (Jvm jvm : jvms) {
                answers.add(pool.submit(() -> probe(jvm, timeout)));
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            List<Jvm> probed = new ArrayList<>();
            for (int i = 0; i < jvms.size(); i++) {
                probed.add(await(answers.get(i), jvms.get(i), deadline));
            }
            return probed;
        } finally {
            // a socket that hangs keeps its daemon thread; nobody waits for it
            pool.shutdownNow();
        }
    }

    private static Jvm probe(Jvm jvm, Duration timeout) {
        Path socket = ControlSockets.of(jvm.pid());
        if (socket == null) {
            return jvm;
        }
        Jvm loaded = jvm.with(jvm.javaVersion(), socket.toString());
        try (ControlChannel channel = ControlChannel.connect(socket, timeout, timeout)) {
            Map<String, Object> reply = WireJson.reply(channel.exchange(WireJson.write(WireJson.request("status"))));
            if (!Boolean.TRUE.equals(reply.get("ok"))) {
                return loaded.withDevMode("loaded, " + WireJson.text(reply, "error", "refuses status"));
            }
            return loaded.withDevMode(state(Replies.decode(reply.get("result"), JvmStatus.class)));
        } catch (IOException | CliException | RuntimeException e) {
            return loaded.withDevMode("loaded, not answering");
        }
    }

    /** {@code active}, or {@code loaded, waiting: <why>}. */
    static String state(JvmStatus status) {
        return status.active() ? "active" : "loaded, waiting: " + whyInactive(status);
    }

    /** Why dev mode is not active: the agent's own reason, its last problem, or the config's last outcome. */
    static String whyInactive(JvmStatus status) {
        if (status.waiting() != null) {
            return status.waiting();
        }
        if (status.problems() != null && !status.problems().isEmpty()) {
            return strip(status.problems().get(status.problems().size() - 1));
        }
        for (var config : status.configs()) {
            if (config.last() != null) {
                return config.last().message();
            }
        }
        return status.configs().isEmpty() ? "no config provider has been called since the agent came"
                : "no config is live";
    }

    private static String strip(String problem) {
        return problem.startsWith("aiq-dev: ") ? problem.substring("aiq-dev: ".length()) : problem;
    }

    private static Jvm await(Future<Jvm> answer, Jvm unanswered, long deadline) {
        try {
            return answer.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException | TimeoutException e) {
            Path socket = ControlSockets.of(unanswered.pid());
            return socket == null ? unanswered
                    : unanswered.with(unanswered.javaVersion(), socket.toString()).withDevMode("loaded, not answering");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unanswered;
        }
    }
}
