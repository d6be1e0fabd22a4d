package dev.aiq.agent.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiq.api.ConfigOverrides;
import dev.aiq.bootstrap.DevModeBridge;
import dev.aiq.testhost.ContextLoaderFixture;
import java.lang.ref.WeakReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProviderCallTest {

    @AfterEach
    void resetBridge() {
        DevModeBridge.reset();
    }

    /** After attach the agent's thread has no context class loader; ADK then could not resolve a tool's class. */
    @Test
    void aReplayRunsWithTheProvidersClassLoaderAsContextLoaderAndRestoresTheThreads() throws Exception {
        ClassLoader loader = ContextLoaderFixture.class.getClassLoader();
        ProviderSlot slot = new ProviderSlot(0, ContextLoaderFixture.class.getName(), "fromConfig",
                "(Ljava/lang/String;)Ljava/lang/Object;", true, new WeakReference<>(loader));
        ProviderCall call = ProviderCall.of(slot, null, new Object[] {"root_agent.yaml"});
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(null);
        try {
            assertThat(call.replay(null, ConfigOverrides.none()).value()).isSameAs(loader);
            assertThat(thread.getContextClassLoader()).isNull();
        } finally {
            thread.setContextClassLoader(before);
        }
    }
}
