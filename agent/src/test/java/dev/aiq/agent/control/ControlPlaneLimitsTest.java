package dev.aiq.agent.control;

import dev.aiq.agent.protocol.ProtocolJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aiq.agent.protocol.ReloadOutcome;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Bounded work in the control plane whatever a client does: unread replies, trickles, connection floods, bad keys. */
class ControlPlaneLimitsTest {

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
    @Timeout(120)
    void pipelinedRequestsWhoseRepliesAreNotReadStopBeingReadAndThePlaneKeepsServing() throws IOException {
        // each reply is ~200 KB: 600 of them unread would be 120 MB queued if the plane kept reading
        control.answerWith(FakeDevModeControl.outcome(ReloadOutcome.Kind.RELOAD, "m".repeat(200_000)));
        plane = ControlPlane.start(control, tmp, Duration.ofSeconds(60));
        byte[] request = ("{\"op\":\"reload\",\"pad\":\"" + "p".repeat(10_000) + "\"}\n")
                .getBytes(StandardCharsets.UTF_8);
        try (SocketChannel flood = SocketChannel.open(UnixDomainSocketAddress.of(plane.socket()))) {
            flood.configureBlocking(false);
            int sent = 0;
            boolean blocked = false;
            for (; sent < 600 && !blocked; sent++) {
                ByteBuffer out = ByteBuffer.wrap(request);
                long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                while (out.hasRemaining() && !blocked) {
                    if (flood.write(out) == 0) {
                        // the plane stopped reading this client: its buffers are full, and stay full
                        blocked = System.nanoTime() - deadline > 0;
                        Thread.onSpinWait();
                    }
                }
            }

            assertThat(blocked).as("the plane stopped reading a client with unread replies").isTrue();
            assertThat(sent).isLessThan(600);
            assertThat(callStatus().path("ok").asBoolean()).isTrue();
            assertThat(countReplyLines(flood, sent - 1)).isGreaterThanOrEqualTo(sent - 1);
        }
    }

    @Test
    @Timeout(60)
    void aClientThatTricklesBytesTimesOutLikeASilentOne() throws IOException {
        plane = ControlPlane.start(control, tmp, Duration.ofMillis(500));
        try (SocketChannel trickle = SocketChannel.open(UnixDomainSocketAddress.of(plane.socket()))) {
            trickle.configureBlocking(false);
            ByteBuffer buffer = ByteBuffer.allocate(16);

            await().atMost(Duration.ofSeconds(30)).until(() -> {
                try {
                    trickle.write(ByteBuffer.wrap(new byte[] {' '}));
                    return trickle.read(buffer.clear()) < 0;
                } catch (IOException closed) {
                    return true;
                }
            });
        }
    }

    @Test
    @Timeout(60)
    void aFloodOfIdleConnectionsCannotLockOutTheCli() throws IOException {
        plane = ControlPlane.start(control, tmp, Duration.ofSeconds(60));
        List<SocketChannel> idle = new ArrayList<>();
        try {
            for (int i = 0; i < ControlPlane.MAX_CONNECTIONS + 8; i++) {
                SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(plane.socket()));
                channel.write(ByteBuffer.wrap(" ".getBytes(StandardCharsets.UTF_8)));
                idle.add(channel);
            }

            for (int round = 0; round < 3; round++) {
                assertThat(callStatus().path("ok").asBoolean()).isTrue();
            }
            // idle ones made way for the CLI (the quietest; which of these equally quiet ones is the server's choice)
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> idle.stream().filter(ControlPlaneLimitsTest::closedByPeer).count() > 0);
        } finally {
            for (SocketChannel channel : idle) {
                channel.close();
            }
        }
    }

    /** Whether the plane closed {@code channel}: a read that does not block sees its end. */
    private static boolean closedByPeer(SocketChannel channel) {
        try {
            channel.configureBlocking(false);
            return channel.read(ByteBuffer.allocate(16)) == -1;
        } catch (IOException e) {
            return true;
        }
    }

    @Test
    void aRequestWithADuplicateKeyIsRefusedAndNothingIsCalled() throws IOException {
        plane = TestControlPlanes.start(control, tmp);
        try (ControlClient client = ControlClient.connect(plane.socket())) {
            JsonNode reply = ProtocolJson.mapper().readTree(client.exchange("{\"op\":\"status\",\"op\":\"detach\"}"));

            assertThat(reply.path("ok").asBoolean()).isFalse();
            assertThat(reply.path("error").asText())
                    .isEqualTo("request has the key 'op' more than once; each key may appear once");
        }
        assertThat(control.calls()).isEmpty();
        assertThat(System.getProperty(ControlPlane.SOCKET_PROPERTY)).isEqualTo(plane.socket().toString());
    }

    @Test
    void anErrorWhileServingOneRequestIsItsReplyAndTheNextIsServed() throws IOException {
        AtomicBoolean first = new AtomicBoolean(true);
        DevModeControl failingOnce = (DevModeControl) Proxy.newProxyInstance(DevModeControl.class.getClassLoader(),
                new Class<?>[] {DevModeControl.class}, (proxy, method, args) -> {
                    if (method.getName().equals("status") && first.getAndSet(false)) {
                        throw new OutOfMemoryError("Java heap space");
                    }
                    try {
                        return method.invoke(control, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        plane = TestControlPlanes.start(failingOnce, tmp);

        try (ControlClient client = ControlClient.connect(plane.socket())) {
            JsonNode failed = client.call(ControlClient.request("status"));
            JsonNode served = client.call(ControlClient.request("status"));

            assertThat(failed.path("ok").asBoolean()).isFalse();
            assertThat(failed.path("error").asText()).contains("Java heap space");
            assertThat(served.path("ok").asBoolean()).isTrue();
        }
    }

    @Test
    void replyTextIsDataControlCharactersEscapedAndCredentialsMasked() {
        JsonNode reply = ControlClient.asData(ProtocolJson.mapper().createObjectNode()
                .put("message", "done\u001b]0;owned\u0007\nforged line")
                .put("key\u001b[2J", "Bearer sk-LIVE-0123456789"));

        assertThat(reply.toString()).isEqualTo(
                "{\"message\":\"done\\\\u001b]0;owned\\\\u0007\\\\nforged line\",\"key\\\\u001b[2J\":\"Bearer ****\"}");
    }

    @Test
    @Timeout(60)
    void aReplyLongerThanTheCapIsRefused() throws IOException {
        control.answerWith(FakeDevModeControl.outcome(ReloadOutcome.Kind.RELOAD,
                "m".repeat(ControlClient.MAX_REPLY_BYTES + 1)));
        plane = TestControlPlanes.start(control, tmp);

        try (ControlClient client = ControlClient.connect(plane.socket())) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.call(ControlClient.request("reload")))
                    .isInstanceOf(IOException.class)
                    .hasMessageEndingWith("is longer than 8 MB: refused");
        }
    }

    private JsonNode callStatus() throws IOException {
        try (ControlClient client = ControlClient.connect(plane.socket())) {
            return client.call(ControlClient.request("status"));
        }
    }

    /** Reads reply lines until {@code wanted} have come; returns how many did. */
    private static int countReplyLines(SocketChannel channel, int wanted) throws IOException {
        channel.configureBlocking(true);
        ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
        int lines = 0;
        while (lines < wanted && channel.read(buffer.clear()) > 0) {
            for (int i = 0; i < buffer.position(); i++) {
                if (buffer.get(i) == '\n') {
                    lines++;
                }
            }
        }
        return lines;
    }
}
