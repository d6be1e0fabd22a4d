package dev.aiq.agent.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiq.agent.protocol.PluginStatus;
import java.util.ArrayList;
import java.util.List;
import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One MXBean per config beside the JVM's, in an MBean server of the test's own. */
class DevModeBeansTest {

    private static final String ROOT = "/srv/app/root.yml";
    private static final String TOOLS = "/srv/app/tools.yml";

    private final MBeanServer server = MBeanServerFactory.newMBeanServer();
    private final FakeDevModeControl jvm = new FakeDevModeControl(ROOT, TOOLS);
    private final List<String> problems = new ArrayList<>();
    private DevModeBeans beans;

    @AfterEach
    void close() {
        if (beans != null) {
            beans.close();
        }
    }

    @Test
    void everyConfigHasABeanNamedAfterItBesideTheJvmsBean() throws Exception {
        beans = DevModeBeans.register(jvm, server, problems::add);

        assertThat(server.queryNames(new ObjectName("dev.aiq:type=DevMode,*"), null)).containsExactlyInAnyOrder(
                new ObjectName("dev.aiq:type=DevMode"),
                new ObjectName("dev.aiq:type=DevMode,config=\"root.yml\""),
                new ObjectName("dev.aiq:type=DevMode,config=\"tools.yml\""));
        assertThat(problems).isEmpty();
    }

    @Test
    void configBeanActsOnItsConfigOnly() throws Exception {
        beans = DevModeBeans.register(jvm, server, problems::add);
        ConfigMXBean tools = JMX.newMXBeanProxy(server, DevModeBeans.nameOf(jvm.config(1)), ConfigMXBean.class);

        assertThat(tools.getConfigFile()).isEqualTo(TOOLS);
        assertThat(tools.getName()).isEqualTo("tools.yml");
        assertThat(tools.getWatchedFiles()).containsExactly(TOOLS, "/srv/app/base.yml");
        assertThat(tools.getOverrides()).containsExactly("llms.nim_llm.temperature=0.8 (app)",
                "llms.nim_llm.api_key=**** (live)");
        assertThat(tools.rollback(2)).startsWith("ROLLBACK ok, generation 7");

        assertThat(jvm.config(1).calls()).containsExactly("status()", "status()", "status()", "rollback(2)");
        assertThat(jvm.config(0).calls()).isEmpty();
    }

    @Test
    void configBeanShowsTheLivePluginSetJarsVersionsHashesAndTypes() throws Exception {
        jvm.config(1).withPlugins(new PluginStatus("/srv/app/plugins", 3, List.of(
                new PluginStatus.Jar("/srv/app/plugins/shout.jar", "3f2a9c0d1b7e55aa66bb", "1.2"),
                new PluginStatus.Jar("/srv/app/plugins/classes", "00112233445566778899", null)),
                List.of("com.acme.Shout", "com.acme.Whisper")));
        beans = DevModeBeans.register(jvm, server, problems::add);

        assertThat((String[]) server.getAttribute(DevModeBeans.nameOf(jvm.config(1)), "Plugins")).containsExactly(
                "generation 3 of /srv/app/plugins",
                "shout.jar 1.2 (sha256 3f2a9c0d1b7e)",
                "classes (sha256 001122334455)",
                "types: [com.acme.Shout, com.acme.Whisper]");
        assertThat(JMX.newMXBeanProxy(server, DevModeBeans.nameOf(jvm.config(0)), ConfigMXBean.class).getPlugins())
                .as("a config of an app that opened no plugins location").isEmpty();
    }

    @Test
    void configThatAppearsLaterGetsItsBean() throws Exception {
        beans = DevModeBeans.register(jvm, server, problems::add);

        FakeDevModeControl.FakeConfig prompts = jvm.addConfig("/srv/prompts/agent.yml");

        ObjectName name = new ObjectName("dev.aiq:type=DevMode,config=\"agent.yml\"");
        assertThat(server.isRegistered(name)).isTrue();
        assertThat(JMX.newMXBeanProxy(server, name, ConfigMXBean.class).reload()).startsWith("RELOAD ok");
        assertThat(prompts.calls()).containsExactly("reload(false)");
    }

    @Test
    void nameThatNeedsQuotingIsQuoted() throws Exception {
        beans = DevModeBeans.register(jvm, server, problems::add);

        jvm.addConfig("/srv/odd/a,b=\"c\"*.yml");

        assertThat(server.isRegistered(new ObjectName("dev.aiq:type=DevMode,config="
                + ObjectName.quote("a,b=\"c\"*.yml")))).isTrue();
        assertThat(problems).isEmpty();
    }

    @Test
    void jvmBeanListsTheConfigsAndTheirBeans() throws Exception {
        beans = DevModeBeans.register(jvm, server, problems::add);
        DevModeMXBean bean = JMX.newMXBeanProxy(server, new ObjectName(DevModeBeans.JVM_BEAN), DevModeMXBean.class);

        assertThat(bean.isActive()).isTrue();
        assertThat(bean.getPid()).isEqualTo(4242);
        assertThat(bean.getConfigs()).containsExactly("root.yml", "tools.yml");
        assertThat(bean.getConfigBeans()).containsExactly("dev.aiq:type=DevMode,config=\"root.yml\"",
                "dev.aiq:type=DevMode,config=\"tools.yml\"");
        assertThat(bean.getProviders()).containsExactly(FakeDevModeControl.PROVIDER);
    }

    @Test
    void jvmBeansConfigOperationsNeedTheOnlyConfigAndOtherwiseNameTheBeans() throws Exception {
        beans = DevModeBeans.register(jvm, server, problems::add);
        DevModeMXBean bean = JMX.newMXBeanProxy(server, new ObjectName(DevModeBeans.JVM_BEAN), DevModeMXBean.class);

        assertThatThrownBy(bean::reload)
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessage("this JVM has 2 configs; use the bean of one (dev.aiq:type=DevMode,config=<name>): "
                        + ROOT + ", " + TOOLS);
        assertThat(jvm.calls()).isEmpty();
    }

    @Test
    void closeUnregistersEveryBeanAndLaterConfigsGetNone() throws Exception {
        beans = DevModeBeans.register(jvm, server, problems::add);

        beans.close();
        jvm.addConfig("/srv/late/late.yml");

        assertThat(server.queryNames(new ObjectName("dev.aiq:*"), null)).isEmpty();
        assertThat(problems).isEmpty();
    }

    @Test
    void configBeanThatCannotRegisterIsReportedAndTheOthersStay() throws Exception {
        server.registerMBean(new javax.management.StandardMBean(new ConfigBean(() -> jvm.config(1)),
                ConfigMXBean.class, true), DevModeBeans.nameOf(jvm.config(1)));

        beans = DevModeBeans.register(jvm, server, problems::add);

        assertThat(problems).singleElement().asString()
                .startsWith("MXBean dev.aiq:type=DevMode,config=\"tools.yml\" not registered: ");
        assertThat(server.isRegistered(DevModeBeans.nameOf(jvm.config(0)))).isTrue();
    }
}
