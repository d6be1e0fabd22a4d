package dev.aiq.sample.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.aiq.junit.AppProcess;
import dev.aiq.sample.testing.Cli;
import dev.aiq.sample.testing.ConfigDir;
import dev.aiq.sample.testing.ControlItConfig;
import dev.aiq.sample.testing.HostProcess;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code aiq-dev ui} as a person starts and stops it: {@code --port} serves on the port asked for, {@code --open}
 * hands the address with its token to the desktop's opener ({@code xdg-open}, here a stand-in on the PATH that writes
 * down what it was given), and Ctrl+C (SIGINT) ends the server and frees its port.
 */
class UiCommandIT {

    private static final Pattern ADDRESS = Pattern.compile("aiq-dev ui: (http://127\\.0\\.0\\.1:(\\d+)/\\?token=\\S+)");

    @TempDir
    Path temp;

    @Test
    void openHandsTheTokenAddressToTheBrowserAndCtrlCStopsTheServerOnTheAskedPort() throws Exception {
        PageTests.assumeRunnable(Cli.jar(), "no browser is needed");
        Path config = ConfigDir.in(temp.resolve("app")).writeAtomically("config.yml", ControlItConfig.with("0.7", 1024));
        Path opened = temp.resolve("opened.txt");
        Path bin = Files.createDirectories(temp.resolve("bin"));
        Path opener = Files.writeString(bin.resolve("xdg-open"), "#!/bin/sh\nprintf '%s\\n' \"$1\" > '" + opened + "'\n");
        Files.setPosixFilePermissions(opener, PosixFilePermissions.fromString("rwxr-xr-x"));
        int port = freePort();

        try (HostProcess host = HostProcess.serve(config).jvmArgs("-javaagent:" + Cli.jar() + "=delay=0").start()) {
            host.awaitLine("Development Mode Active");
            String pid = Long.toString(host.process().pid());
            await().atMost(HostProcess.TIMEOUT).until(() -> Cli.run("status", pid).exitCode() == 0);

            try (AppProcess ui = AppProcess.jar(Cli.jar())
                    .args("ui", pid, "--port", Integer.toString(port), "--open")
                    .env("PATH", bin + ":" + System.getenv("PATH"))
                    .start()) {
                Matcher printed = ADDRESS.matcher(ui.awaitLine("aiq-dev ui: http://127.0.0.1:"));
                assertThat(printed.find()).as(ui.toString()).isTrue();
                String url = printed.group(1);
                assertThat(Integer.parseInt(printed.group(2))).as("the port asked for").isEqualTo(port);

                await().atMost(HostProcess.TIMEOUT).until(() -> Files.exists(opened) && Files.size(opened) > 0);
                assertThat(Files.readString(opened).strip()).as("what the browser was asked to open").isEqualTo(url);
                HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertThat(page.statusCode()).as("the token's address answers (its redirect sets the cookie)")
                        .isIn(200, 303);

                Process kill = new ProcessBuilder("kill", "-INT", Long.toString(ui.pid())).inheritIO().start();
                assertThat(kill.waitFor(30, TimeUnit.SECONDS)).isTrue();
                await().atMost(HostProcess.TIMEOUT).until(() -> !ui.isAlive());
                assertThat(accepts(port)).as("the port is free once the server stopped").isFalse();
            }
            assertThat(host.process().isAlive()).as("the app is not touched by the page's server stopping").isTrue();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
            return true;
        } catch (ConnectException refused) {
            return false;
        } catch (IOException other) {
            return false;
        }
    }
}
