package dev.aiq.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Plugins#load} without the agent: the location is loaded once, as an app would by hand. */
class PluginsWithoutAgentTest {

    @TempDir
    Path plugins;

    /** A component the test's class directory lists (its class comes from the parent loader). */
    public static final class Hello implements Supplier<String> {
        @Override
        public String get() {
            return "hello";
        }
    }

    @Test
    void aClassDirectoryProvidesItsListedComponents() throws Exception {
        listInClassDirectory(Hello.class.getName());

        PluginSet<Supplier> set = Plugins.load(plugins, Supplier.class);

        assertThat(set.components()).hasSize(1);
        assertThat(set.components().get(0).get()).isEqualTo("hello");
        assertThat(set.get(Hello.class)).isNotNull();
        assertThat(set.location()).isEqualTo(plugins.toAbsolutePath().normalize());
    }

    @Test
    void aLocationThatDoesNotExistProvidesNothing() {
        assertThat(Plugins.load(plugins.resolve("none"), Supplier.class).components()).isEmpty();
    }

    @Test
    void aListedClassThatIsMissingIsOneLineNamingIt() throws Exception {
        listInClassDirectory("com.example.Missing");

        assertThatThrownBy(() -> Plugins.load(plugins, Supplier.class))
                .isInstanceOf(PluginException.class)
                .hasMessageContaining("com.example.Missing")
                .hasMessageNotContaining("\n");
    }

    private void listInClassDirectory(String className) throws Exception {
        Path services = plugins.resolve("classes/META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve(Supplier.class.getName()), className + "\n");
    }
}
