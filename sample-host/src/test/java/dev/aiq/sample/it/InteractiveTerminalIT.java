package dev.aiq.sample.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.aiq.sample.testing.Cli;
import dev.aiq.sample.testing.ConfigDir;
import dev.aiq.sample.testing.ControlItConfig;
import dev.aiq.sample.testing.HostProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code aiq-dev interactive} on a terminal (a pseudo-terminal made by util-linux {@code script}): the up arrow
 * brings back the last command, as line editing with history does, instead of typing {@code ^[[A}.
 */
class InteractiveTerminalIT {

    private static final String UP_ARROW = "\033OA";

    @TempDir
    Path temp;

    @Test
    void theUpArrowRunsTheLastCommandAgain() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "needs util-linux script for a pty");
        Path config = ConfigDir.in(temp).writeInPlace("config.yml", ControlItConfig.with("0.7", 1024));
        try (HostProcess host = HostProcess.serve(config)
                .jvmArgs("-javaagent:" + Cli.jar() + "=poll=0,events=false,delay=0").start()) {
            host.awaitLine("Development Mode Active");
            String pid = Long.toString(host.process().pid());
            await().atMost(HostProcess.TIMEOUT).until(() -> Cli.run("status", pid).exitCode() == 0);
            String java = Path.of(System.getProperty("it.jdk", System.getProperty("java.home")), "bin", "java")
                    .toString();
            ProcessBuilder builder = new ProcessBuilder("/usr/bin/script", "-qfec", "stty cols 160 rows 50; exec "
                    + java + " -jar " + Cli.jar() + " interactive " + pid, "/dev/null").redirectErrorStream(true);
            builder.environment().put("TERM", "xterm");
            Process terminal = builder.start();
            StringBuffer screen = new StringBuffer();
            Thread reader = new Thread(() -> copy(terminal.getInputStream(), screen), "pty-output");
            reader.setDaemon(true);
            reader.start();
            try (OutputStream keys = terminal.getOutputStream()) {
                await().atMost(HostProcess.TIMEOUT).until(() -> screen.indexOf("Type help for the commands") >= 0);
                type(keys, "i\r");
                await().atMost(HostProcess.TIMEOUT).until(() -> count(screen, "history     1 config kept") == 1);
                type(keys, UP_ARROW + "\r");
                await().atMost(HostProcess.TIMEOUT).until(() -> count(screen, "history     1 config kept") == 2);
                type(keys, "q\r");
                assertThat(terminal.waitFor(HostProcess.TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as(screen.toString())
                        .isTrue();
            } finally {
                terminal.destroyForcibly();
            }
            assertThat(terminal.exitValue()).as(screen.toString()).isZero();
            assertThat(screen.toString()).as("the arrow is a key, not text").doesNotContain("unknown command")
                    .doesNotContain("^[[A");
            assertThat(List.of(screen.toString().split("\n"))).filteredOn(line -> line.contains("aiq-dev active in"))
                    .hasSize(2);
        }
    }

    private static void type(OutputStream keys, String text) throws IOException {
        keys.write(text.getBytes(StandardCharsets.UTF_8));
        keys.flush();
    }

    private static int count(CharSequence text, String part) {
        int count = 0;
        for (int at = text.toString().indexOf(part); at >= 0; at = text.toString().indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }

    private static void copy(InputStream from, StringBuffer to) {
        byte[] buffer = new byte[8192];
        try {
            for (int n = from.read(buffer); n >= 0; n = from.read(buffer)) {
                to.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // the terminal closed
        }
    }
}
