package dev.aiq.agent.control;

import dev.aiq.agent.mask.Masking;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The MXBean as a JMX client sees it: through the platform MBean server, open types only. */
class DevModeMXBeanTest {

    @TempDir
    Path tmp;

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private final FakeDevModeControl control = new FakeDevModeControl();
    private ObjectName name;
    private ControlPlane plane;
    private DevModeMXBean bean;

    @BeforeEach
    void register() throws Exception {
        name = new ObjectName(ControlPlane.MXBEAN_NAME);
        plane = ControlPlane.start(control, tmp, Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(20)).until(() -> server.isRegistered(name));
        bean = JMX.newMXBeanProxy(server, name, DevModeMXBean.class);
    }

    @AfterEach
    void close() {
        plane.close();
    }

    @Test
    void attributesAreOpenTypesReadFromTheStatus() throws Exception {
        assertThat(server.getAttribute(name, "Generation")).isEqualTo(7L);
        assertThat(server.getAttribute(name, "Active")).isEqualTo(true);
        assertThat(server.getAttribute(name, "ConfigFile")).isEqualTo(FakeDevModeControl.CONFIG);
        assertThat(server.getAttribute(name, "Sha256")).isEqualTo("ab12cd34ef56ab12cd34");
        assertThat(server.getAttribute(name, "Attempts")).isEqualTo(0);
        assertThat((String[]) server.getAttribute(name, "WatchedFiles"))
                .containsExactly(FakeDevModeControl.CONFIG, "/srv/app/base.yml");
        assertThat(server.getAttribute(name, "DelaySeconds")).isEqualTo(0.5);
        assertThat(server.getAttribute(name, "LastResult"))
                .isEqualTo("RELOAD ok, generation 7: Configuration reloaded successfully (1 change)");
    }

    @Test
    void operationsDelegateAndAnswerInOneLine() {
        assertThat(bean.reload()).isEqualTo("RELOAD ok, generation 7: Configuration reloaded successfully (1 change)");
        assertThat(bean.validate("")).startsWith("VALIDATE ok");
        assertThat(bean.validate("/x.yml")).startsWith("VALIDATE ok");
        assertThat(bean.rollback(2)).startsWith("ROLLBACK ok");
        assertThat(bean.set("a.b", "1")).startsWith("RELOAD ok");
        assertThat(bean.unset("a.b")).startsWith("RELOAD ok");
        assertThat(bean.clearHistory()).isEqualTo("history cleared");

        assertThat(control.calls()).containsExactly("reload(false)", "validate(null)", "validate(/x.yml)",
                "rollback(2)", "set(a.b,1)", "unset(a.b)", "clearHistory()");
    }

    @Test
    void diffAndHistoryAreOneLinePerItemWithoutSources() throws Exception {
        String[] diff = (String[]) server.invoke(name, "diff", new Object[] {3L, 0L},
                new String[] {long.class.getName(), long.class.getName()});

        assertThat(diff).containsExactly("llms.nim_llm.temperature: 0.7 -> 0.9",
                "workflow.max_iterations: (absent) -> 5");
        assertThat(bean.history()).containsExactly(
                "generation 7  2026-11-27T10:15:30Z  file change  sha256 " + Masking.configHash(java.util.Map.of("llms", java.util.Map.of("nim_llm", java.util.Map.of("api_key", "secret-in-tree")))).substring(0, 12) + "  /srv/app/config.yml, "
                        + "/srv/app/base.yml",
                "generation 6  2026-11-27T10:14:30Z  start  sha256 " + Masking.configHash(java.util.Map.of()).substring(0, 12) + "  /srv/app/config.yml");
        assertThat(control.calls()).containsExactly("diff(3,0)", "history()");
    }

    @Test
    void failureReachesTheJmxClientAsAPlainJdkException() {
        control.failWith(new UnsupportedOperationException("nothing to roll back to"));

        assertThatThrownBy(() -> bean.rollback(1))
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessage("nothing to roll back to")
                .hasNoCause();
    }

    @Test
    void detachOperationStopsDevelopmentMode() throws IOException {
        control.onDetach(plane::close);

        assertThat(bean.detach()).isEqualTo("detached");
        assertThat(server.isRegistered(name)).isFalse();
        assertThat(System.getProperty(ControlPlane.SOCKET_PROPERTY)).isNull();
    }
}
