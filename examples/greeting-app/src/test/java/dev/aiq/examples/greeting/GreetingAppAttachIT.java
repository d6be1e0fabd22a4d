package dev.aiq.examples.greeting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiq.api.DevMode;
import dev.aiq.junit.AiqDevExtension;
import dev.aiq.junit.DevApp;
import dev.aiq.junit.Json;
import dev.aiq.junit.SaveStyle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The greeting app started plain, the agent attached afterwards with {@code aiq-dev attach}, its config mounted the
 * way Kubernetes mounts a ConfigMap (a symlink into {@code ..data}) and updated by swapping {@code ..data}.
 */
class GreetingAppAttachIT {

    @RegisterExtension
    static final AiqDevExtension APP = AiqDevExtension.builder()
            .mainClass(GreetingApp.class, DevMode.class)
            .config("greeting.yaml", "greeting: Hello\nname: pod\n")
            .configStyle(SaveStyle.KUBERNETES_CONFIGMAP)
            .readyLine("READY ")
            .attach(true, "--delay", "0.05")
            .build();

    @Test
    void aConfigMapUpdateReachesTheAttachedApp() {
        DevApp app = APP.app();
        assertThat(greets(app)).isEqualTo("Hello, pod!");

        Json outcome = app.awaitNextGeneration(() -> app.edit(SaveStyle.KUBERNETES_CONFIGMAP,
                "greeting: Hej\nname: pod\n"));

        assertThat(outcome.path("success").asBoolean()).as(outcome.toString()).isTrue();
        assertThat(greets(app)).isEqualTo("Hej, pod!");
    }

    @Test
    void theStatusNamesTheMountedFileAndTheApp() {
        DevApp app = APP.app();
        greets(app); // an attached agent knows the config from the provider's next call

        assertThat(app.configStatus().path("configFile").asText()).isEqualTo(app.configFile().toString());
        assertThat(app.status().path("pid").asLong()).isEqualTo(app.pid());
    }

    private static String greets(DevApp app) {
        int mark = app.process().mark();
        app.process().send("greet");
        return app.process().awaitLineAfter(mark, "GREETING ").substring("GREETING ".length());
    }
}
