package dev.aiq.agent.control;

import dev.aiq.agent.mask.Masking;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aiq.agent.protocol.ProtocolJson;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class ControlPlaneTest {

    private static final Duration IDLE = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    private final FakeDevModeControl control = new FakeDevModeControl();
    private ControlPlane plane;

    @AfterEach
    void closePlane() {
        if (plane != null) {
            plane.close();
        }
    }

    @Test
    void statusRoundTripsWithInstantsAsIsoText() throws IOException {
        JsonNode result = callOk(ControlClient.request("status"));

        assertThat(result.path("pid").asLong()).isEqualTo(4242);
        JsonNode config = result.path("configs").get(0);
        assertThat(config.path("generation").asLong()).isEqualTo(7);
        assertThat(config.path("configFile").asText()).isEqualTo(FakeDevModeControl.CONFIG);
        assertThat(config.path("last").path("kind").asText()).isEqualTo("RELOAD");
        assertThat(config.path("last").path("at").asText()).isEqualTo("2026-11-27T10:15:30Z");
        assertThat(config.path("liveOverrides").path("llms.nim_llm.api_key").asText()).isEqualTo("****");
        assertThat(control.calls()).containsExactly("status()");
    }

    @Test
    void reloadPassesValidateOnlyAndReturnsTheOutcome() throws IOException {
        JsonNode plain = callOk(ControlClient.request("reload"));
        JsonNode dryRun = callOk(ControlClient.request("reload").put("validateOnly", true));

        assertThat(plain.path("kind").asText()).isEqualTo("RELOAD");
        assertThat(plain.path("changes").get(0).path("path").asText()).isEqualTo("llms.nim_llm.temperature");
        assertThat(plain.path("timings").path("validateMs").asDouble()).isEqualTo(2.25);
        assertThat(dryRun.path("kind").asText()).isEqualTo("VALIDATE");
        assertThat(control.calls()).containsExactly("reload(false)", "reload(true)");
    }

    @Test
    void validateTakesAnOptionalFile() throws IOException {
        callOk(ControlClient.request("validate").put("file", "/x.yml"));
        callOk(ControlClient.request("validate"));

        assertThat(control.calls()).containsExactly("validate(/x.yml)", "validate(null)");
    }

    @Test
    void diffPassesGenerationsAndSendsAbsentSidesAsNull() throws IOException {
        JsonNode result = callOk(ControlClient.request("diff").put("from", 3).put("to", 5));
        callOk(ControlClient.request("diff"));

        assertThat(result).hasSize(2);
        assertThat(result.get(1).path("path").asText()).isEqualTo("workflow.max_iterations");
        assertThat(result.get(1).get("before").isNull()).isTrue();
        assertThat(result.get(1).path("after").asText()).isEqualTo("5");
        assertThat(control.calls()).containsExactly("diff(3,5)", "diff(0,0)");
    }

    @Test
    void historyListsEntriesWithoutSourcesTreeOrValue() throws IOException {
        JsonNode result = callOk(ControlClient.request("history"));

        assertThat(result).hasSize(2);
        JsonNode newest = result.get(0);
        assertThat(newest.path("generation").asLong()).isEqualTo(7);
        assertThat(newest.path("at").asText()).isEqualTo("2026-11-27T10:15:30Z");
        assertThat(newest.path("sha256").asText()).as("a hash of the tree with its secrets masked")
                .isEqualTo(Masking.configHash(java.util.Map.of("llms", java.util.Map.of("nim_llm", java.util.Map.of("api_key", "secret-in-tree")))));
        assertThat(newest.path("cause").asText()).isEqualTo("file change");
        assertThat(newest.path("files")).extracting(JsonNode::asText)
                .containsExactly(FakeDevModeControl.CONFIG, "/srv/app/base.yml");
        assertThat(newest.has("sources") || newest.has("tree") || newest.has("value")).isFalse();
        assertThat(result.toString()).doesNotContain("secret");
    }

    @Test
    void rollbackDefaultsToOneStep() throws IOException {
        JsonNode result = callOk(ControlClient.request("rollback"));
        callOk(ControlClient.request("rollback").put("steps", 3));

        assertThat(result.path("kind").asText()).isEqualTo("ROLLBACK");
        assertThat(control.calls()).containsExactly("rollback(1)", "rollback(3)");
    }

    @Test
    void setUnsetAndClearReachTheControl() throws IOException {
        callOk(ControlClient.request("set").put("path", "llms.nim_llm.temperature").put("value", "0.9"));
        callOk(ControlClient.request("unset").put("path", "llms.nim_llm.temperature"));
        JsonNode cleared = callOk(ControlClient.request("clear"));

        assertThat(cleared.asText()).isEqualTo("history cleared");
        assertThat(control.calls()).containsExactly("set(llms.nim_llm.temperature,0.9)",
                "unset(llms.nim_llm.temperature)", "clearHistory()");
    }

    @Test
    void setWithoutAValueIsRefusedWithoutCallingTheControl() throws IOException {
        JsonNode reply = call(ControlClient.request("set").put("path", "a.b"));

        assertThat(reply.path("ok").asBoolean()).isFalse();
        assertThat(reply.path("error").asText()).isEqualTo("\"set\" needs \"value\"");
        assertThat(control.calls()).isEmpty();
    }

    @Test
    void detachRepliesBeforeTheControlClosesThePlane() throws IOException {
        AtomicReference<String> propertyWhenDetaching = new AtomicReference<>();
        control.onDetach(() -> {
            propertyWhenDetaching.set(System.getProperty(ControlPlane.SOCKET_PROPERTY));
            plane.close();
        });
        start();
        Path socket = plane.socket();

        try (ControlClient client = ControlClient.connect(socket)) {
            JsonNode reply = client.call(ControlClient.request("detach"));

            assertThat(reply.path("ok").asBoolean()).isTrue();
            assertThat(reply.path("result").asText()).isEqualTo("detaching");
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.notExists(socket));
        assertThat(control.calls()).containsExactly("detach()");
        assertThat(propertyWhenDetaching.get()).isEqualTo(socket.toString());
        assertThat(System.getProperty(ControlPlane.SOCKET_PROPERTY)).isNull();
    }

    @Test
    void badJsonIsRefusedAndTheConnectionStaysUsable() throws IOException {
        start();
        try (ControlClient client = ControlClient.connect(plane.socket())) {
            JsonNode bad = ProtocolJson.mapper().readTree(client.exchange("{\"op\": status"));
            JsonNode notAnObject = ProtocolJson.mapper().readTree(client.exchange("[1, 2]"));
            JsonNode good = client.call(ControlClient.request("status"));

            assertThat(bad.path("ok").asBoolean()).isFalse();
            assertThat(bad.path("error").asText()).startsWith("request is not valid JSON");
            assertThat(notAnObject.path("error").asText()).startsWith("request must be a JSON object");
            assertThat(good.path("ok").asBoolean()).isTrue();
        }
    }

    @Test
    void unknownOpIsRefusedNamingTheKnownOnes() throws IOException {
        JsonNode reply = call(ControlClient.request("restart"));

        assertThat(reply.path("ok").asBoolean()).isFalse();
        assertThat(reply.path("error").asText()).isEqualTo("unknown op 'restart'; one of status, reload, validate, "
                + "diff, history, rollback, set, unset, clear, show, follow, detach");
    }

    @Test
    void wronglyTypedParameterIsRefused() throws IOException {
        JsonNode reply = call(ControlClient.request("rollback").put("steps", "two"));

        assertThat(reply.path("error").asText()).isEqualTo("\"steps\" must be an integer");
        assertThat(control.calls()).isEmpty();
    }

    @Test
    void exceptionInTheControlBecomesOneErrorLine() throws IOException {
        control.failWith(new IllegalStateException("no generation 3 in history;\nkept: 5, 6, 7"));

        JsonNode reply = call(ControlClient.request("rollback").put("steps", 4));

        assertThat(reply.path("ok").asBoolean()).isFalse();
        assertThat(reply.path("error").asText()).isEqualTo("no generation 3 in history; kept: 5, 6, 7");
    }

    @Test
    void socketIsOwnerOnlyInsideAFreshOwnerOnlyDirectory() throws IOException {
        start();

        Path socket = plane.socket();
        assertThat(socket.getParent().getParent()).isEqualTo(tmp.toAbsolutePath());
        assertThat(socket.getParent().getFileName().toString()).matches("aiq-dev-" + SocketLocation.userId() + "-\\d+");
        assertThat(socket.getFileName().toString()).isEqualTo(ProcessHandle.current().pid() + ".sock");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket.getParent())))
                .isEqualTo("rwx------");
    }

    @Test
    void everyStartMakesANewDirectory() {
        start();
        Path first = plane.socket().getParent();
        plane.close();

        start();

        assertThat(plane.socket().getParent()).isNotEqualTo(first);
    }

    @Test
    void closeClearsThePropertyAndRemovesTheSocketAndItsEmptyDirectory() {
        start();
        Path socket = plane.socket();
        assertThat(System.getProperty(ControlPlane.SOCKET_PROPERTY)).isEqualTo(socket.toString());

        plane.close();

        assertThat(System.getProperty(ControlPlane.SOCKET_PROPERTY)).isNull();
        assertThat(socket).doesNotExist();
        assertThat(socket.getParent()).doesNotExist();
        assertThatThrownBy(() -> ControlClient.connect(socket)).isInstanceOf(IOException.class);
    }

    @Test
    void closeKeepsADirectoryOtherSocketsStillUse() throws IOException {
        start();
        Path neighbour = Files.createFile(plane.socket().resolveSibling("1.sock"));

        plane.close();

        assertThat(neighbour).exists();
    }

    @Test
    void mxBeanIsRegisteredWhileOpenAndUnregisteredOnClose() throws Exception {
        ObjectName name = new ObjectName(ControlPlane.MXBEAN_NAME);
        start();

        await().atMost(Duration.ofSeconds(20))
                .until(() -> ManagementFactory.getPlatformMBeanServer().isRegistered(name));
        plane.close();

        assertThat(ManagementFactory.getPlatformMBeanServer().isRegistered(name)).isFalse();
    }

    @Test
    void silentClientDoesNotBlockAnotherClient() throws IOException {
        // served one at a time, the second client would wait for the first one's idle timeout, far beyond its own
        plane = ControlPlane.start(control, tmp, Duration.ofMinutes(10));
        try (SocketChannel silent = SocketChannel.open(UnixDomainSocketAddress.of(plane.socket()));
             ControlClient second = ControlClient.connect(plane.socket(), Duration.ofSeconds(5),
                     Duration.ofSeconds(30))) {
            silent.write(ByteBuffer.wrap("{\"op\":\"sta".getBytes(StandardCharsets.UTF_8)));

            JsonNode reply = second.call(ControlClient.request("status"));

            assertThat(reply.path("ok").asBoolean()).isTrue();
            assertThat(silent.isConnected()).isTrue();
        }
    }

    @Test
    @Timeout(60)
    void idleConnectionIsClosedAfterItsTimeout() throws IOException {
        plane = ControlPlane.start(control, tmp, Duration.ofMillis(200));
        try (SocketChannel idle = SocketChannel.open(UnixDomainSocketAddress.of(plane.socket()))) {
            ByteBuffer buffer = ByteBuffer.allocate(16);

            // a blocking read returns -1 once the plane closes the connection
            assertThat(idle.read(buffer)).isEqualTo(-1);
        }
    }

    @Test
    @Timeout(60)
    void overlongRequestLineIsRefusedAndTheConnectionClosed() throws IOException {
        start();
        try (SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(plane.socket()))) {
            byte[] chunk = "x".repeat(64 * 1024).getBytes(StandardCharsets.UTF_8);
            String reply = "";
            for (int sent = 0; sent <= ControlPlane.MAX_REQUEST_BYTES && reply.isEmpty(); sent += chunk.length) {
                client.write(ByteBuffer.wrap(chunk));
                reply = availableText(client);
            }
            reply += readToEnd(client);

            assertThat(reply).isEqualTo("{\"ok\":false,\"error\":\"request line longer than 1 MB\"}\n");
        }
    }

    @Test
    void directoryOfAnEndedProcessIsRemovedAndALiveOneKept() throws IOException {
        String prefix = "aiq-dev-" + SocketLocation.userId() + "-";
        // pid_max on Linux is at most 4194304: this pid never runs
        Path stale = Files.createFile(Files.createDirectory(tmp.resolve(prefix + "1")).resolve("99999999.sock"));
        Path live = Files.createFile(Files.createDirectory(tmp.resolve(prefix + "2"))
                .resolve(ProcessHandle.current().parent().orElseThrow().pid() + ".sock"));
        Path binding = Files.createDirectory(tmp.resolve(prefix + "3"));

        start();

        assertThat(stale.getParent()).doesNotExist();
        assertThat(live).exists();
        assertThat(binding).as("empty: its JVM may be about to bind").exists();
    }

    @Test
    void preCreatedDirectoriesChangeNothing() throws IOException {
        String prefix = "aiq-dev-" + SocketLocation.userId();
        Path elsewhere = Files.createDirectory(tmp.resolve("elsewhere"));
        Files.createDirectory(tmp.resolve(prefix), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxrwxrwx")));
        Files.createSymbolicLink(tmp.resolve(prefix + "-1"), elsewhere);
        if (SocketLocation.userId().equals("0")) {
            // as root, a squatter's directory can be made here too
            Path squatted = Files.createDirectory(tmp.resolve(prefix + "-2"));
            Files.setAttribute(squatted, "unix:uid", 4321, LinkOption.NOFOLLOW_LINKS);
        }

        start();

        assertThat(plane.socket().getParent().getFileName().toString()).matches(prefix + "-\\d+")
                .isNotIn(prefix + "-1", prefix + "-2");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(plane.socket().getParent(),
                LinkOption.NOFOLLOW_LINKS))).isEqualTo("rwx------");
        assertThat(elsewhere).isEmptyDirectory();
        assertThat(callOk(ControlClient.request("status")).path("configs").get(0).path("generation").asLong()).isEqualTo(7);
    }

    @Test
    void aPlaneThatCannotStartSaysWhyInAPropertyUntilOneStarts() throws IOException {
        Path notADirectory = Files.createFile(tmp.resolve("file"));
        try {
            assertThatThrownBy(() -> ControlPlane.start(control, notADirectory, IDLE)).isInstanceOf(IOException.class);
            assertThat(System.getProperty(ControlPlane.FAILURE_PROPERTY))
                    .startsWith("the control socket could not start: ");

            start();

            assertThat(System.getProperty(ControlPlane.FAILURE_PROPERTY)).isNull();
        } finally {
            System.clearProperty(ControlPlane.FAILURE_PROPERTY);
        }
    }

    @Test
    void aPrivateRuntimeDirectoryIsTheBaseAndAnOpenOneIsNot() throws IOException {
        Path runtime = Files.createDirectory(tmp.resolve("run"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        Path open = Files.createDirectory(tmp.resolve("open"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));

        assertThat(SocketLocation.base(runtime.toString(), tmp)).isEqualTo(runtime);
        assertThat(SocketLocation.base(open.toString(), tmp)).isEqualTo(tmp);
        assertThat(SocketLocation.base(null, tmp)).isEqualTo(tmp);
        assertThat(SocketLocation.base(tmp.resolve("missing").toString(), tmp)).isEqualTo(tmp);
    }

    @Test
    void aClientRefusesASocketWhoseDirectoryIsOpenToOthers() throws IOException {
        start();
        Files.setPosixFilePermissions(plane.socket().getParent(), PosixFilePermissions.fromString("rwxrwxrwx"));

        assertThatThrownBy(() -> ControlClient.connect(plane.socket()))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("refused: the directory of " + plane.socket() + " is open to others");
        assertThat(control.calls()).isEmpty();
    }

    @Test
    void aClientRefusesASocketNamedAfterAProcessOfAnotherUser() throws IOException {
        // pid 1 belongs to root; as root every process may be served by root, so this case needs another user
        Assumptions.assumeFalse(SocketLocation.userId().equals("0"), "as root, pid 1 is this user's own process");
        start();
        Path renamed = Files.move(plane.socket(), plane.socket().resolveSibling("1.sock"));

        assertThatThrownBy(() -> ControlClient.connect(renamed))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("but process 1 belongs to");
    }

    @Test
    void secondPlaneInTheSameJvmIsRefused() {
        start();

        assertThatThrownBy(() -> ControlPlane.start(control, tmp, IDLE))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("a control socket is already open in this JVM");
    }

    @Test
    void showRepliesFlatWithTheMaskedTypedTreeAndItsYaml() throws IOException {
        JsonNode reply = call(ControlClient.request("show").put("path", "llms.nim_llm"));

        assertThat(reply.path("ok").asBoolean()).as("reply %s", reply).isTrue();
        assertThat(reply.path("config").asText()).isEqualTo("config.yml");
        assertThat(reply.path("generation").asLong()).isEqualTo(7);
        assertThat(reply.path("path").asText()).isEqualTo("llms.nim_llm");
        assertThat(reply.path("value").path("temperature").isDouble()).isTrue();
        assertThat(reply.path("value").path("max_tokens").isInt()).isTrue();
        assertThat(reply.path("value").path("api_key").asText()).isEqualTo(Masking.MASK);
        // the client escapes control characters of every text it is given: the YAML's line breaks arrive as \n
        assertThat(reply.path("yaml").asText()).contains("temperature: 0.7\\n").contains("api_key: '****'")
                .doesNotContain("nvapi");
        assertThat(control.calls()).containsExactly("show(llms.nim_llm)");
    }

    @Test
    void showOfTheWholeConfigHasPathNullAndAnUnknownPathIsNotFound() throws IOException {
        JsonNode whole = call(ControlClient.request("show"));
        JsonNode unknown = call(ControlClient.request("show").put("path", "llms.other_llm"));

        assertThat(whole.path("path").isNull()).isTrue();
        assertThat(whole.path("value").path("workflow").path("tool_names").get(1).asText()).isEqualTo("calc");
        assertThat(unknown.path("ok").asBoolean()).isFalse();
        assertThat(unknown.path("code").asText()).isEqualTo("not-found");
        assertThat(unknown.path("error").asText()).contains("'llms.other_llm'").contains("no key 'other_llm'");
    }

    @Test
    @Timeout(60)
    void followStreamsEveryOutcomeUntilDetachedAndOutlivesTheIdleTimeout() throws IOException {
        plane = ControlPlane.start(control, tmp, Duration.ofMillis(300));
        try (ControlClient client = ControlClient.connect(plane.socket())) {
            JsonNode reply = client.call(ControlClient.request("follow"));
            assertThat(reply.path("ok").asBoolean()).as("reply %s", reply).isTrue();
            assertThat(reply.path("following").get(0).asText()).isEqualTo("config.yml");

            FakeDevModeControl.FakeConfig config = control.config(0);
            // longer than the idle time-out passes before the first outcome: a follower waits by design
            long quietUntil = System.nanoTime() + Duration.ofSeconds(1).toNanos();
            await().atMost(Duration.ofSeconds(30)).until(() -> System.nanoTime() - quietUntil > 0);
            config.emit(FakeDevModeControl.outcome(dev.aiq.agent.protocol.ReloadOutcome.Kind.RELOAD, "first"));
            config.emit(FakeDevModeControl.outcome(dev.aiq.agent.protocol.ReloadOutcome.Kind.ROLLBACK, "second"));

            JsonNode first = client.nextEvent();
            JsonNode second = client.nextEvent();
            assertThat(first.path("event").asText()).isEqualTo("outcome");
            assertThat(first.path("config").asText()).isEqualTo("config.yml");
            assertThat(first.path("outcome").path("kind").asText()).isEqualTo("RELOAD");
            assertThat(first.path("outcome").path("message").asText()).isEqualTo("first");
            assertThat(first.path("outcome").path("at").asText()).isEqualTo("2026-11-27T10:15:30Z");
            assertThat(second.path("outcome").path("kind").asText()).isEqualTo("ROLLBACK");

            plane.sayDetached();
            plane.close();
            assertThat(client.nextEvent().path("event").asText()).isEqualTo("detached");
            assertThat(client.nextEvent()).isNull();
        }
    }

    @Test
    @Timeout(60)
    void followOfOneConfigHearsOnlyThatOneAndAClosingJvmIsNoDetach() throws IOException {
        FakeDevModeControl two = new FakeDevModeControl("/srv/app/root.yml", "/srv/app/tools.yml");
        plane = ControlPlane.start(two, tmp, IDLE);
        try (ControlClient client = ControlClient.connect(plane.socket())) {
            JsonNode reply = client.call(ControlClient.request("follow").put("config", "tools"));
            assertThat(reply.path("following").toString()).isEqualTo("[\"tools.yml\"]");

            two.config(0).emit(FakeDevModeControl.outcome(dev.aiq.agent.protocol.ReloadOutcome.Kind.RELOAD, "root"));
            two.config(1).emit(FakeDevModeControl.outcome(dev.aiq.agent.protocol.ReloadOutcome.Kind.RELOAD, "tools"));

            JsonNode event = client.nextEvent();
            assertThat(event.path("config").asText()).isEqualTo("tools.yml");
            assertThat(event.path("outcome").path("message").asText()).isEqualTo("tools");
            plane.close();
            assertThat(client.nextEvent()).isNull();
        }
    }

    private void start() {
        try {
            plane = ControlPlane.start(control, tmp, IDLE);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private JsonNode call(com.fasterxml.jackson.databind.node.ObjectNode request) throws IOException {
        if (plane == null) {
            start();
        }
        try (ControlClient client = ControlClient.connect(plane.socket())) {
            return client.call(request);
        }
    }

    private JsonNode callOk(com.fasterxml.jackson.databind.node.ObjectNode request) throws IOException {
        JsonNode reply = call(request);
        assertThat(reply.path("ok").asBoolean()).as("reply %s", reply).isTrue();
        return reply.path("result");
    }

    private static String availableText(SocketChannel channel) throws IOException {
        channel.configureBlocking(false);
        try {
            ByteBuffer buffer = ByteBuffer.allocate(4096);
            int count = channel.read(buffer);
            return count <= 0 ? "" : new String(buffer.array(), 0, count, StandardCharsets.UTF_8);
        } finally {
            channel.configureBlocking(true);
        }
    }

    private static String readToEnd(SocketChannel channel) throws IOException {
        StringBuilder text = new StringBuilder();
        ByteBuffer buffer = ByteBuffer.allocate(4096);
        while (channel.read(buffer.clear()) >= 0) {
            text.append(new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8));
        }
        return text.toString();
    }
}
